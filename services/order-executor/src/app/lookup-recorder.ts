import type { OrderTransactions } from '../adapters/db/order-transactions.js';
import { judgeNotFound, type AbsenceRule, type AbsenceVerdict } from '../domain/absence-rule.js';

/** The bookkeeping of the lookups of `unknown` orders, each one transaction with its events. */
export class LookupRecorder {
  constructor(private readonly orders: OrderTransactions) {}

  /**
   * A lookup by identifier of an `unknown` order answered `order_not_found`: counts it under the
   * absence rule (judged on the locked row) and schedules the next lookup. The verdict says
   * whether this view is now conclusive; the order stays `unknown` until {@link notPlaced}.
   * Null when the order is no longer `unknown`.
   */
  async notFound(
    orderId: string,
    lookupSentAt: Date,
    rule: AbsenceRule,
    nextLookupAt: Date,
  ): Promise<AbsenceVerdict | null> {
    let verdict: AbsenceVerdict | null = null;
    await this.orders.runFrom(orderId, ['unknown'], async (tx) => {
      const o = tx.order;
      const since = o.lastSentAt ?? o.unknownSince ?? o.createdAt;
      verdict = judgeNotFound(since, o.notFoundLookups, lookupSentAt, rule);
      await tx.update({
        notFoundLookups: verdict.notFoundLookups,
        lookups: o.lookups + 1,
        nextLookupAt,
      });
    });
    return verdict;
  }

  /** Every view of the account agrees the order is absent: `not_placed` with `OrderNotPlaced`. */
  notPlaced(orderId: string, detail: string): Promise<boolean> {
    return this.orders.runFrom(orderId, ['unknown'], async (tx) => {
      await tx.update({ state: 'not_placed', detail });
      await tx.append(tx.events.notPlaced(detail));
    });
  }

  /** A lookup of an `unknown` order failed (network): try again at `nextLookupAt`. */
  lookupFailed(orderId: string, nextLookupAt: Date): Promise<boolean> {
    return this.orders.runFrom(orderId, ['unknown'], (tx) =>
      tx.update({ lookups: tx.order.lookups + 1, nextLookupAt }),
    );
  }

  /** Notes that the alert for a long-unknown order was raised. */
  alerted(orderId: string): Promise<boolean> {
    return this.orders.runFrom(orderId, ['unknown'], (tx) => tx.update({ alertedAt: tx.now }));
  }
}
