import type { OrderTransactions } from '../adapters/db/order-transactions.js';
import { judgeNotFound, type AbsenceRule } from '../domain/absence-rule.js';

/** The bookkeeping of the lookups of `unknown` orders, each one transaction with its events. */
export class LookupRecorder {
  constructor(private readonly orders: OrderTransactions) {}

  /**
   * A lookup of an `unknown` order answered `order_not_found`: counts it under the absence rule
   * and either proves the order absent (`not_placed` with `OrderNotPlaced`) or schedules the
   * next lookup. True when the order is now `not_placed`.
   */
  async notFound(
    orderId: string,
    lookupSentAt: Date,
    rule: AbsenceRule,
    nextLookupAt: Date,
  ): Promise<boolean> {
    let placedNever = false;
    await this.orders.runFrom(orderId, ['unknown'], async (tx) => {
      const o = tx.order;
      const since = o.lastSentAt ?? o.unknownSince ?? o.createdAt;
      const verdict = judgeNotFound(since, o.notFoundLookups, lookupSentAt, rule);
      const lookups = o.lookups + 1;
      if (!verdict.certain) {
        await tx.update({ notFoundLookups: verdict.notFoundLookups, lookups, nextLookupAt });
        return;
      }
      const detail = `order_not_found on ${verdict.notFoundLookups} lookups made at least ${rule.afterMs} ms after the last send`;
      await tx.update({
        state: 'not_placed',
        notFoundLookups: verdict.notFoundLookups,
        lookups,
        detail,
      });
      await tx.append(tx.events.notPlaced(detail));
      placedNever = true;
    });
    return placedNever;
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
