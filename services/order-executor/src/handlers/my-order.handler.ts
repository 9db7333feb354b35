import type { Decimal } from '@hoga/model';
import type { Logger } from '@hoga/telemetry';
import type { MyOrderMessage } from '@hoga/upbit';
import type { OrdersRepository } from '../adapters/db/orders.repository.js';
import type { OrderRecorder } from '../app/order-recorder.js';
import type { OrderSync } from '../app/order-sync.js';
import { inOrderTrace } from '../app/order-trace.js';
import { tradeOfMyOrder } from '../domain/ws-trade.js';

/** What the myOrder handler needs. */
export interface MyOrderDeps {
  readonly orders: OrdersRepository;
  readonly recorder: OrderRecorder;
  readonly sync: OrderSync;
  readonly feeRate: Decimal;
  readonly logger: Logger;
  /** Wakes the resolver (a frame proves an `unknown` order exists). */
  readonly wakeResolver: () => void;
  /** Balances changed. */
  readonly onFill: () => void;
  /** A frame of an order hoga did not place (the account watch records it, ADR 0026). */
  readonly onForeignOrder?: (uuid: string) => void;
}

/**
 * A private-WebSocket `myOrder` frame -> the order's fills. A `trade` frame of an `open` order
 * records its trade (once per trade uuid; only a new one is an `OrderFilled`). A `done`/`cancel`
 * frame, or a trade that cannot be read exactly, syncs the order by REST (which completes it once
 * every trade is recorded). A frame of an `unknown` order wakes its lookup. Frames of orders the
 * executor does not know go to `onForeignOrder` (the account watch, ADR 0026).
 */
export const myOrderHandler =
  (deps: MyOrderDeps) =>
  async (m: MyOrderMessage): Promise<void> => {
    const order = await deps.orders.findExchangeOrder(m.uuid, m.identifier ?? null);
    if (order === undefined) {
      deps.logger.debug('myOrder frame of an order hoga did not place', { uuid: m.uuid });
      return deps.onForeignOrder?.(m.uuid);
    }
    if (m.state === 'wait' || m.state === 'watch') return;
    if (order.state === 'unknown') return deps.wakeResolver();
    if (order.state !== 'open') return;
    const trade = m.state === 'trade' ? tradeOfMyOrder(m, deps.feeRate) : null;
    if (trade === null) return deps.sync.soon(order.orderId);
    const recorded = await inOrderTrace(deps.orders, order.orderId, 'myOrder', (span) => {
      span?.setAttribute('hoga.trade.uuid', trade.uuid);
      return deps.recorder.recordTrade(order.orderId, m.uuid, trade);
    });
    if (recorded) deps.onFill();
  };
