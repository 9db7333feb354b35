import type { OrderTransactions } from '../adapters/db/order-transactions.js';

/** The bookkeeping of cancels, each one transaction with its events. */
export class CancelRecorder {
  constructor(private readonly orders: OrderTransactions) {}

  /** `new` -> `cancel` with `OrderCancelled` (no exchange order): it will never be sent. */
  cancelUnsent(orderId: string): Promise<boolean> {
    return this.orders.runFrom(orderId, ['new'], async (tx) => {
      await tx.update({ state: 'cancel', detail: 'cancelled before it was sent' });
      await tx.append(tx.events.cancelled(null));
    });
  }

  /** Notes a cancel request of a live order (sent once the order is `open`). */
  cancelRequested(orderId: string): Promise<boolean> {
    return this.orders.runFrom(orderId, ['submitting', 'unknown', 'open'], (tx) =>
      tx.order.cancelRequestedAt ? Promise.resolve() : tx.update({ cancelRequestedAt: tx.now }),
    );
  }

  /** Notes that Upbit accepted a `DELETE` of the order. */
  cancelSent(orderId: string): Promise<boolean> {
    return this.orders.runFrom(orderId, ['open'], (tx) => tx.update({ cancelSentAt: tx.now }));
  }
}
