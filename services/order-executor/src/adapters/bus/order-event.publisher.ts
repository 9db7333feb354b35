import * as E from 'fp-ts/lib/Either.js';
import type { Bus } from '@hoga/bus';
import { OrderEvent, subjects } from '@hoga/contracts';
import type { OutboxMessage, OutboxPublisher } from '@hoga/event-store';
import { decodeWith } from '@hoga/model';
import { inSendSpan } from '@hoga/telemetry';

/**
 * Publishes `order_events` rows on `hoga.order.evt.<positionId>` through the bus, with the row
 * id (the deterministic event id) as `Nats-Msg-Id`: a re-publish after a crash is dropped by
 * JetStream within its duplicate window, and consumers deduplicate by id after it.
 */
export class OrderEventPublisher implements OutboxPublisher {
  constructor(
    private readonly bus: Bus,
    /** Told of each event JetStream stored for the first time (not a dropped duplicate). */
    private readonly onPublished: (event: OrderEvent) => void = () => undefined,
  ) {}

  async publish(message: OutboxMessage): Promise<unknown> {
    const decoded = decodeWith(OrderEvent, message.payload);
    if (E.isLeft(decoded)) throw decoded.left;
    const event = decoded.right;
    const route = subjects.orderEvt(event.data.positionId);
    const ack = await inSendSpan(route.subject, message.id, message.headers, (headers) =>
      this.bus.publishDurable(route, event, { msgId: message.id, headers }),
    );
    if (!ack.duplicate) this.onPublished(event);
    return ack;
  }
}
