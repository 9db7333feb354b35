import type { UpbitOrder, UpbitOrderDetail } from '@hoga/upbit';
import type { ExchangeOrder } from '../../domain/exchange-order.js';

const isDetail = (o: UpbitOrder | UpbitOrderDetail): o is UpbitOrderDetail => 'trades' in o;

/** An Upbit REST order (with its trades when it is a detail) in the executor's terms. */
export function toExchangeOrder(o: UpbitOrder | UpbitOrderDetail): ExchangeOrder {
  return {
    uuid: o.uuid,
    identifier: o.identifier ?? null,
    market: o.market,
    state: o.state,
    executedVolume: o.executed_volume,
    executedFunds: o.executed_funds ?? null,
    paidFee: o.paid_fee,
    tradesCount: o.trades_count,
    trades: isDetail(o)
      ? o.trades.map((t) => ({
          uuid: t.uuid,
          price: t.price,
          volume: t.volume,
          funds: t.funds,
          at: new Date(t.created_at),
        }))
      : [],
  };
}
