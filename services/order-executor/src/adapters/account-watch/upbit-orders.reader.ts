import type { UpbitClient, UpbitOrder } from '@hoga/upbit';
import { isOrderNotFound } from '@hoga/upbit';
import type { SeenOrder } from '../../domain/account-watch/foreign-order.rule.js';

const PAGE = 100;

/** An Upbit REST order in the terms of a finding. */
export const seenOrderOf = (o: UpbitOrder): SeenOrder => ({
  uuid: o.uuid,
  identifier: o.identifier ?? null,
  market: o.market,
  side: o.side,
  ordType: o.ord_type,
  price: o.price ?? null,
  volume: o.volume ?? null,
  state: o.state,
  executedVolume: o.executed_volume,
  executedFunds: o.executed_funds ?? null,
  createdAt: o.created_at,
});

/**
 * The account's orders as the reconciliation reads them: every open order (pages of 100) and
 * the closed orders of a recent window, plus one order by uuid (a myOrder frame of an order hoga
 * does not know). All are `default`-group calls, paced by the client's rate limiter.
 */
export class UpbitOrdersReader {
  constructor(private readonly client: UpbitClient) {}

  async open(): Promise<SeenOrder[]> {
    const all: SeenOrder[] = [];
    for (let page = 1; ; page++) {
      const batch = await this.client.orders.open({ states: ['wait', 'watch'], page, limit: PAGE });
      all.push(...batch.map(seenOrderOf));
      if (batch.length < PAGE) return all;
    }
  }

  /** Orders that ended (done/cancel) created in `[from, to]` (at most 7 days; newest 1000). */
  async closed(from: Date, to: Date): Promise<SeenOrder[]> {
    const list = await this.client.orders.closed({
      states: ['done', 'cancel'],
      start_time: from,
      end_time: to,
      limit: 1000,
      order_by: 'desc',
    });
    return list.map(seenOrderOf);
  }

  /** One order by uuid; null when Upbit does not know it. */
  async byUuid(uuid: string): Promise<SeenOrder | null> {
    try {
      return seenOrderOf(await this.client.orders.get({ uuid }));
    } catch (error) {
      if (isOrderNotFound(error)) return null;
      throw error;
    }
  }
}
