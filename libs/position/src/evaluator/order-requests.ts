import type { ExitReason, OrderRequest } from '@hoga/contracts';
import {
  Decimal,
  formatKrw,
  krwTickSize,
  roundToTick,
  type Krw,
  type Price,
  type Volume,
} from '@hoga/model';
import { limitBuyVolume, marketBuyTotal, meetsMinimum } from '../live-state/fees.js';
import type { PositionInfo } from '../live-state/position-context.js';
import type { OrderStyle } from '../strategy/index.js';
import { orderIdFor } from './order-ids.js';

/** Exits that always go at market, whatever the spec's exit order style: getting out comes first. */
const MARKET_EXITS: ReadonlySet<ExitReason> = new Set([
  'stop-loss',
  'trailing-stop',
  'operator-close',
  'risk-halt',
]);

/**
 * A limit price `offsetTicks` ticks from `reference`, on the tick grid: positive is more patient
 * (a bid below, an ask above), negative crosses. Bids round down, asks up.
 */
export function limitPrice(reference: Decimal, side: 'bid' | 'ask', offsetTicks: number): Price {
  const base = roundToTick(reference, side === 'bid' ? 'down' : 'up');
  const tick = krwTickSize(base);
  const shifted = Decimal.max(
    tick,
    base.plus(tick.mul(side === 'bid' ? -offsetTicks : offsetTicks)),
  );
  return roundToTick(shifted, side === 'bid' ? 'down' : 'up');
}

const request = (
  info: PositionInfo,
  leg: 'entry' | 'exit',
  attempt: number,
  rest: Pick<OrderRequest, 'kind' | 'price' | 'volume' | 'totalKrw'>,
): OrderRequest => {
  const orderId = orderIdFor(info.positionId, leg, attempt);
  return {
    orderId,
    identifier: orderId,
    leg,
    attempt,
    market: info.market,
    side: leg === 'entry' ? 'bid' : 'ask',
    ...rest,
  };
};

/** Why an entry order cannot be sized within the budget, or the order. */
export type EntrySizing =
  { readonly order: OrderRequest } | { readonly refused: string } | { readonly waitForPrice: true };

/**
 * The entry order for the budget, fee on top (see `marketBuyTotal`): a market buy of
 * `budget / (1 + fee)` whole won, or a limit buy at `limitPrice` of `budget / ((1 + fee) x price)`.
 * Refused when that total is below Upbit's minimum; a limit entry waits for a price.
 */
export function entryOrder(
  info: PositionInfo,
  style: OrderStyle,
  attempt: number,
  price: Price | null,
  feeRate: Decimal,
): EntrySizing {
  if (style === 'market') {
    const totalKrw = marketBuyTotal(info.budgetKrw, feeRate);
    if (!meetsMinimum(totalKrw))
      return {
        refused: `budget ${formatKrw(info.budgetKrw, 'en', 'exact')} leaves ${formatKrw(totalKrw, 'en', 'exact')} after the fee, below the 5,000 KRW minimum`,
      };
    return {
      order: request(info, 'entry', attempt, {
        kind: 'market',
        price: null,
        volume: null,
        totalKrw,
      }),
    };
  }
  if (price === null) return { waitForPrice: true };
  const bid = limitPrice(price, 'bid', style.limit.offsetTicks);
  const volume = limitBuyVolume(info.budgetKrw, bid, feeRate);
  if (!meetsMinimum(bid.mul(volume)))
    return {
      refused: `limit buy of ${volume.toString()} at ${bid.toString()} is below the 5,000 KRW minimum`,
    };
  return {
    order: request(info, 'entry', attempt, { kind: 'limit', price: bid, volume, totalKrw: null }),
  };
}

/**
 * The exit order selling `volume`: in the spec's exit style for the first attempt of a
 * take-profit, time limit or strategy exit; at market otherwise — protective exits, operator
 * closes, halts, every later attempt (the first did not get out) and when no price is known.
 */
export function exitOrder(
  info: PositionInfo,
  style: OrderStyle,
  reason: ExitReason,
  attempt: number,
  volume: Volume,
  price: Price | null,
): OrderRequest {
  if (style === 'market' || MARKET_EXITS.has(reason) || attempt > 1 || price === null) {
    return request(info, 'exit', attempt, { kind: 'market', price: null, volume, totalKrw: null });
  }
  return request(info, 'exit', attempt, {
    kind: 'limit',
    price: limitPrice(price, 'ask', style.limit.offsetTicks),
    volume,
    totalKrw: null as Krw | null,
  });
}
