import type { Fill, OrderRequest, PositionEvent } from '@hoga/contracts';
import type { PositionContext } from '../live-state/position-context.js';
import { heldVolume } from '../live-state/position-money.js';
import { fillFits, findOrder } from '../live-state/order-track.js';

/** A guard of the position machine: a pure check of an event against the context. */
export type Guard = (c: PositionContext, e: PositionEvent) => boolean;

/**
 * The amounts Upbit expects for the kind and side: limit price + volume; market buy total; market
 * sell volume. Amounts are non-negative by their codecs, so non-zero means positive.
 */
function amountsFit(r: OrderRequest): boolean {
  if (r.kind === 'limit')
    return r.price !== null && r.volume !== null && !r.volume.isZero() && r.totalKrw === null;
  if (r.side === 'bid')
    return r.totalKrw !== null && !r.totalKrw.isZero() && r.price === null && r.volume === null;
  return r.volume !== null && !r.volume.isZero() && r.price === null && r.totalKrw === null;
}

/** A new order of `leg` may go out: none is live, the id is new, market, side and amounts fit. */
function requestFits(c: PositionContext, r: OrderRequest, leg: 'entry' | 'exit'): boolean {
  return (
    c.info !== null &&
    c.liveOrderId === null &&
    r.leg === leg &&
    r.side === (leg === 'entry' ? 'bid' : 'ask') &&
    r.market === c.info.market &&
    amountsFit(r) &&
    findOrder(c.orders, r.orderId) === undefined
  );
}

/** A trade of an order of `leg` that the position asked for, not applied before, within the order. */
function fillAccepted(c: PositionContext, f: Fill, leg: 'entry' | 'exit'): boolean {
  const order = findOrder(c.orders, f.orderId);
  return (
    order !== undefined &&
    order.request.leg === leg &&
    !c.tradeUuids.includes(f.tradeUuid) &&
    !f.volume.isZero() &&
    fillFits(order, f)
  );
}

/** The live order of `leg`, not yet ended and not already asked to cancel. */
function cancellable(c: PositionContext, orderId: string, leg: 'entry' | 'exit'): boolean {
  const order = findOrder(c.orders, orderId);
  return (
    c.liveOrderId === orderId &&
    c.cancelRequestedFor !== orderId &&
    order?.request.leg === leg &&
    order.end === null
  );
}

/** Guards of order events: requests, fills, final states, failures and cancels. */
export const ORDER_GUARDS = {
  /** The (next) entry attempt: not paused, no close asked, nothing bought yet. */
  entryRequestAllowed: (c, e) =>
    e.type === 'EntryOrderRequested' &&
    requestFits(c, e.data, 'entry') &&
    e.data.attempt === c.entryAttempts + 1 &&
    !c.paused &&
    c.closeIntent === null &&
    c.bought.volume.isZero(),
  /** The (next) exit attempt: sells at most what is held. OCO: only when no order is live. */
  exitRequestAllowed: (c, e) =>
    e.type === 'ExitOrderRequested' &&
    requestFits(c, e.data, 'exit') &&
    e.data.attempt === c.exitAttempts + 1 &&
    e.data.volume !== null &&
    e.data.volume.lte(heldVolume(c)),
  entryFillAccepted: (c, e) => e.type === 'EntryFilled' && fillAccepted(c, e.data, 'entry'),
  /** An exit trade: also never more than is held. */
  exitFillAccepted: (c, e) =>
    e.type === 'ExitFilled' && fillAccepted(c, e.data, 'exit') && e.data.volume.lte(heldVolume(c)),
  /** The first final state of a known order, consistent with the fills seen and its size. */
  finishAccepted: (c, e) => {
    if (e.type !== 'OrderFinished') return false;
    const order = findOrder(c.orders, e.data.orderId);
    if (order === undefined || order.end !== null || order.failure !== null) return false;
    const executed = e.data.executedVolume;
    return (
      executed.gte(order.filled.volume) &&
      (order.request.volume === null || executed.lte(order.request.volume))
    );
  },
  /** The live order never existed (so nothing of it can have filled). */
  orderFailureAccepted: (c, e) => {
    if (e.type !== 'OrderFailed' || c.liveOrderId !== e.data.orderId) return false;
    return findOrder(c.orders, e.data.orderId)?.filled.volume.isZero() === true;
  },
  /** Cancel the live entry order, once, when a close or halt asked for it. */
  entryCancelAllowed: (c, e) =>
    e.type === 'EntryOrderCancelRequested' &&
    c.closeIntent !== null &&
    cancellable(c, e.data.orderId, 'entry'),
  /** Cancel a resting limit exit, once, so that a close or halt sells the rest at market. */
  exitCancelAllowed: (c, e) =>
    e.type === 'ExitOrderCancelRequested' &&
    cancellable(c, e.data.orderId, 'exit') &&
    findOrder(c.orders, e.data.orderId)?.request.kind === 'limit',
} satisfies Record<string, Guard>;
