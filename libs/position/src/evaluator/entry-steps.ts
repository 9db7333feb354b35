import type { Price } from '@hoga/model';
import { findOrder } from '../live-state/order-track.js';
import { averagePrice, costBasis, heldVolume } from '../live-state/position-money.js';
import type { Emission } from './emission.js';
import { closeNow, exitNow, holdsSellable } from './exit-steps.js';
import { entryOrder } from './order-requests.js';

/** Asks for the entry order when it is due: no order out, not paused, no close asked, nothing bought. */
export function maybeEnter(em: Emission, price: Price | null, conditionMet: boolean): void {
  const c = em.snapshot.context;
  const spec = em.watch.spec!;
  if (
    em.snapshot.status !== 'pending' ||
    c.liveOrderId !== null ||
    c.paused ||
    c.closeIntent !== null ||
    !c.bought.volume.isZero()
  )
    return;
  if (spec.entry !== 'immediate' && !conditionMet) return;
  const sizing = entryOrder(c.info!, spec.orders.entry, c.entryAttempts + 1, price, em.ctx.feeRate);
  if ('order' in sizing) em.emit('EntryOrderRequested', sizing.order);
  else if ('refused' in sizing)
    em.emit('PositionFailed', {
      orderId: null,
      cause: 'order-denied',
      code: 'under-min-total',
      message: sizing.refused,
    });
}

/**
 * A pending position with no live order: activate once the entry settled with something
 * sellable (and exit at once if a close or halt is pending); close as `cancelled` when nothing
 * or only dust was bought and no entry will follow; otherwise try the entry again.
 */
export function settleEntry(em: Emission): void {
  const { status, context: c } = em.snapshot;
  if (status !== 'pending' || c.liveOrderId !== null) return;
  const price = em.markPrice;
  const confirmed = em.confirmedPrice;
  // In pending, every order is an entry attempt; the last one is the one that bought (if any).
  const lastEntry = c.orders.at(-1);
  if (holdsSellable(c, confirmed)) {
    const avg = averagePrice(c.bought)!;
    em.emit('PositionActivated', {
      orderId: lastEntry!.request.orderId,
      volume: heldVolume(c),
      avgEntryPrice: avg,
      costKrw: costBasis(c),
      feesKrw: c.bought.fees,
    });
    const intent = em.snapshot.context.closeIntent;
    if (intent !== null) exitNow(em, intent, price, 'requested while the entry was pending');
    return;
  }
  // Settled without a failure: it ended with nothing (or dust) bought, and no entry follows.
  const entryEnded = lastEntry !== undefined && lastEntry.failure === null;
  if (c.closeIntent !== null || entryEnded)
    return closeNow(em, 'cancelled', heldVolume(c).isZero() ? null : confirmed);
  // No entry signal comes with an order event: an immediate entry retries now, another waits.
  maybeEnter(em, price, false);
}

/** A close or halt reached a pending position: cancel the live entry order, or close now. */
export function closePending(em: Emission): void {
  const c = em.snapshot.context;
  if (c.liveOrderId === null) return settleEntry(em);
  const live = findOrder(c.orders, c.liveOrderId);
  if (
    // Stryker disable next-line OptionalChaining: the live order id always names a tracked order
    live?.request.leg === 'entry' &&
    live.end === null &&
    c.cancelRequestedFor !== c.liveOrderId
  ) {
    em.emit('EntryOrderCancelRequested', { orderId: c.liveOrderId });
  }
}
