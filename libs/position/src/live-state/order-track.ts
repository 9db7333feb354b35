import type { Fill, OrderRequest } from '@hoga/contracts';
import type { Krw, Volume } from '@hoga/model';
import {
  NO_TRADES,
  type Filled,
  type OrderEnd,
  type OrderFailureCause,
  type OrderTrack,
  type Totals,
} from './position-context.js';

const NOTHING_FILLED: Filled = { volume: NO_TRADES.volume, funds: NO_TRADES.funds };

/** A new order, nothing filled yet. */
export const newOrder = (request: OrderRequest): OrderTrack => ({
  request,
  filled: NOTHING_FILLED,
  end: null,
  failure: null,
  failureCode: null,
});

/** The order with this id, if the position asked for it. */
export const findOrder = (orders: readonly OrderTrack[], orderId: string): OrderTrack | undefined =>
  orders.find((o) => o.request.orderId === orderId);

/** `orders` with `track` replacing the order of the same id. */
export const replaceOrder = (
  orders: readonly OrderTrack[],
  track: OrderTrack,
): readonly OrderTrack[] =>
  orders.map((o) => (o.request.orderId === track.request.orderId ? track : o));

/**
 * The volume the order executed, when known: from its final state, or from its own size once
 * fills reach it (a limit order or a sell cannot execute more than it asked).
 */
export function executedVolume(o: OrderTrack): Volume | null {
  if (o.end !== null) return o.end.executedVolume;
  if (o.request.volume !== null && o.filled.volume.eq(o.request.volume)) return o.request.volume;
  return null;
}

/**
 * Settled: the position knows everything the order did. It never existed (failed), or all of
 * its executed volume has arrived as fills. An unsettled, unfailed order is live.
 */
export function isSettled(o: OrderTrack): boolean {
  if (o.failure !== null) return true;
  const executed = executedVolume(o);
  return executed !== null && o.filled.volume.eq(executed);
}

/**
 * True when the order can take `fill`: it exists on the exchange, and with the trade it stays
 * within what it asked (volume, or KRW total for a market buy) and what it executed.
 */
export function fillFits(o: OrderTrack, fill: Fill): boolean {
  if (o.failure !== null) return false;
  const after = withFill(o, fill).filled;
  if (o.end !== null && after.volume.gt(o.end.executedVolume)) return false;
  if (o.request.volume !== null && after.volume.gt(o.request.volume)) return false;
  return o.request.totalKrw === null || after.funds.lte(o.request.totalKrw);
}

/** Totals plus one trade (a fill, or any trade record with its volume, funds and fee). */
export const addTrade = (t: Totals, fill: Pick<Fill, 'volume' | 'funds' | 'fee'>): Totals => ({
  volume: t.volume.plus(fill.volume) as Volume,
  funds: t.funds.plus(fill.funds) as Krw,
  fees: t.fees.plus(fill.fee) as Krw,
});

/** The last `withFill` computed: the guard and the update of one fill ask for the same sums. */
let lastFill: { order: OrderTrack; fill: Fill; result: OrderTrack } | null = null;

/**
 * The order with one more trade. Memoized on the identity of its (immutable) arguments for the
 * last call, so the machine's update reuses the sums its guard just made (decimal.js additions
 * are the main cost of a replay).
 */
export function withFill(o: OrderTrack, fill: Fill): OrderTrack {
  if (lastFill !== null && lastFill.order === o && lastFill.fill === fill) return lastFill.result;
  const result: OrderTrack = {
    request: o.request,
    filled: {
      volume: o.filled.volume.plus(fill.volume) as Volume,
      funds: o.filled.funds.plus(fill.funds) as Krw,
    },
    end: o.end,
    failure: o.failure,
    failureCode: o.failureCode,
  };
  lastFill = { order: o, fill, result };
  return result;
}
/** The order with its final exchange state. */
export const withEnd = (o: OrderTrack, end: OrderEnd): OrderTrack => ({
  request: o.request,
  filled: o.filled,
  end,
  failure: o.failure,
  failureCode: o.failureCode,
});
/** The order marked as never existing on the exchange, with the code the exchange or a check gave. */
export const withFailure = (
  o: OrderTrack,
  failure: OrderFailureCause,
  failureCode: string | null = null,
): OrderTrack => ({
  request: o.request,
  filled: o.filled,
  end: o.end,
  failure,
  failureCode,
});
