import type { Fill, OrderSnapshot } from '../exchange/order.js';
import { wire } from '../util/decimal-wire.js';
import { kstIsoMillis, kstIsoSeconds } from '../util/time-format.js';

/** A `trades[]` entry of `GET /v1/order`. */
export function tradeView(market: string, side: string, f: Fill): Record<string, unknown> {
  return {
    market,
    uuid: f.uuid,
    price: wire(f.price),
    volume: wire(f.volume),
    funds: wire(f.funds),
    trend: f.trend,
    created_at: kstIsoMillis(f.at),
    side,
  };
}

/**
 * An order as the exchange API writes it: decimal strings; `price` absent when the order has
 * none (market sell, best ask); `volume`/`remaining_volume` null on market and best buys;
 * `trades_count` an integer; `time_in_force`, `identifier`, `smp_type` only when set.
 */
export function orderView(o: OrderSnapshot, withTrades = false): Record<string, unknown> {
  const view: Record<string, unknown> = {
    uuid: o.uuid,
    side: o.side,
    ord_type: o.ordType,
    ...(o.price !== undefined ? { price: wire(o.price) } : {}),
    state: o.state,
    market: o.market,
    created_at: kstIsoSeconds(o.createdAt),
    volume: o.volume !== undefined ? wire(o.volume) : null,
    remaining_volume: o.remainingVolume !== undefined ? wire(o.remainingVolume) : null,
    reserved_fee: wire(o.reservedFee),
    remaining_fee: wire(o.remainingFee),
    paid_fee: wire(o.paidFee),
    locked: wire(o.locked),
    executed_volume: wire(o.executedVolume),
    trades_count: o.trades.length,
    ...(o.timeInForce !== undefined ? { time_in_force: o.timeInForce } : {}),
    ...(o.identifier !== undefined ? { identifier: o.identifier } : {}),
    ...(o.smpType !== undefined ? { smp_type: o.smpType } : {}),
    prevented_volume: wire(o.preventedVolume),
    prevented_locked: wire(o.preventedLocked),
  };
  if (withTrades) view['trades'] = o.trades.map((f) => tradeView(o.market, o.side, f));
  return view;
}
