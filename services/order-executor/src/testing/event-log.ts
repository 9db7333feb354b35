import type { Bus, Subscription } from '@hoga/bus';
import { subjects, type OrderEvent } from '@hoga/contracts';

/**
 * Every order event stored in the ORDER_EVT stream, as a durable consumer receives it: a repeat
 * that JetStream deduplicated never shows up here, a real duplicate would.
 */
export class EventLog {
  readonly received: OrderEvent[] = [];
  /** The subject each of {@link received} arrived on, in the same order. */
  readonly subjects: string[] = [];
  #subscription: Subscription | undefined;

  async start(bus: Bus): Promise<void> {
    this.#subscription = await bus.consume(
      subjects.orderEvt('*', '*'),
      { durable: 'test-observer', ackWaitMs: 30_000, maxDeliver: 3 },
      async (d) => {
        this.received.push(d.data);
        this.subjects.push(d.subject);
        await d.ack();
      },
    );
  }

  async stop(): Promise<void> {
    await this.#subscription?.unsubscribe();
  }

  /** The events of one order, in arrival order. */
  of(orderId: string): OrderEvent[] {
    return this.received.filter((e) => e.data.orderId === orderId);
  }

  /** Their types. */
  typesOf(orderId: string): string[] {
    return this.of(orderId).map((e) => e.type);
  }
}
