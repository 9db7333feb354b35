import type { Logger } from '@hoga/telemetry';
import type { OrdersRepository } from '../adapters/db/orders.repository.js';
import type { UpbitGateway } from '../adapters/upbit/upbit-gateway.js';
import { isExchangeFinal } from '../domain/exchange-order.js';
import type { OrderRecord } from '../domain/order-record.js';
import { inOrderTrace } from './order-trace.js';
import type { BackgroundTasks } from './background.js';
import type { KeyedMutex } from './keyed-mutex.js';
import type { CancelRecorder } from './cancel-recorder.js';
import type { OrderRecorder } from './order-recorder.js';

/** What order syncing needs. */
export interface OrderSyncDeps {
  readonly orders: OrdersRepository;
  readonly recorder: OrderRecorder;
  readonly cancels: CancelRecorder;
  readonly upbit: UpbitGateway;
  readonly mutex: KeyedMutex;
  readonly tasks: BackgroundTasks;
  readonly logger: Logger;
  readonly clock: () => Date;
  /** A DELETE not followed by a final state within this long is sent again. */
  readonly cancelRetryMs: number;
  /** Told when trades or completions were recorded (balances changed). */
  readonly onFills: () => void;
}

/**
 * Brings `open` orders up to date from Upbit's REST order detail (`GET /v1/order?uuid=` with
 * `trades[]`): the fallback of myOrder, run for every open order periodically, after every
 * WebSocket (re)connect, after an acceptance and whenever a myOrder frame needs it. It also
 * sends the DELETE of an order whose cancel was requested, until Upbit reports it final.
 */
export class OrderSync {
  readonly #queued = new Set<string>();

  constructor(private readonly deps: OrderSyncDeps) {}

  /** Syncs one order in the background (coalesced: one queued sync per order). */
  soon(orderId: string, delayMs = 0): void {
    if (this.#queued.has(orderId)) return;
    this.#queued.add(orderId);
    this.deps.tasks.run(`sync of order ${orderId}`, async () => {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      this.#queued.delete(orderId);
      await this.deps.mutex.run(orderId, () => this.syncNow(orderId));
    });
  }

  /** Syncs every open order; a failure of one is logged and the others go on. */
  async syncAll(): Promise<void> {
    for (const order of await this.deps.orders.inStates(['open'])) {
      await this.deps.mutex
        .run(order.orderId, () => this.syncNow(order.orderId))
        .catch((error: unknown) =>
          this.deps.logger.warn('order sync failed', { orderId: order.orderId, error }),
        );
    }
  }

  /** Syncs one order now (call it holding the order's lock); Upbit errors propagate. */
  async syncNow(orderId: string): Promise<void> {
    const order = await this.deps.orders.get(orderId);
    if (order?.state !== 'open' || order.exchangeUuid === null) return;
    const snapshot = await this.deps.upbit.lookup({ uuid: order.exchangeUuid });
    if (snapshot === null) {
      this.deps.logger.error('Upbit does not know an order it accepted', {
        orderId,
        uuid: order.exchangeUuid,
      });
      return;
    }
    const applied = await inOrderTrace(this.deps.orders, orderId, 'rest', () =>
      this.deps.recorder.applySnapshot(orderId, snapshot),
    );
    if (applied && (applied.newTrades > 0 || applied.completed)) this.deps.onFills();
    if (!isExchangeFinal(snapshot) && this.cancelDue(order)) await this.sendCancel(order);
  }

  private cancelDue(order: OrderRecord): boolean {
    if (order.cancelRequestedAt === null) return false;
    if (order.cancelSentAt === null) return true;
    return this.deps.clock().getTime() - order.cancelSentAt.getTime() >= this.deps.cancelRetryMs;
  }

  /** `DELETE /v1/order`; the final state follows on a later sync (Upbit answers the old one). */
  private async sendCancel(order: OrderRecord): Promise<void> {
    const answer = await this.deps.upbit.cancel(order.exchangeUuid ?? '');
    if (answer === 'accepted') await this.deps.cancels.cancelSent(order.orderId);
    this.soon(order.orderId, 100);
  }
}
