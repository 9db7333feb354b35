import type { CloseReason, ExitReason, PositionEvent, PositionEventOf } from '@hoga/contracts';
import type { Price } from '@hoga/model';
import { isDust, refusedUnderMinimum } from '../live-state/fees.js';
import { findOrder, isSettled } from '../live-state/order-track.js';
import type { PositionContext } from '../live-state/position-context.js';
import {
  averagePrice,
  costBasis,
  heldVolume,
  realizedPnl,
  totalFees,
} from '../live-state/position-money.js';
import type { Guard } from './order-guards.js';

/** Exits that pause suspends; protective exits, risk halts and operator closes stay armed. */
export const DISCRETIONARY_EXITS: ReadonlySet<ExitReason> = new Set([
  'take-profit',
  'strategy-exit',
]);

/** Operator command events carry the command id; a repeated one never reaches the machine. */
const isNewCommand = (c: PositionContext, e: PositionEvent): boolean =>
  'commandId' in e.data && !c.commandIds.includes(e.data.commandId);

/**
 * What is left may be recorded as dust: it is worth less than the minimum at `dustPrice`, or the
 * last order (an exit) was refused by the exchange minimum. Only the evaluator picks the price,
 * and it picks a confirmed one (ADR 0024).
 */
export function leftoverIsDust(c: PositionContext, dustPrice: Price | null): boolean {
  const held = heldVolume(c);
  if (held.isZero()) return dustPrice === null;
  const last = c.orders.at(-1);
  return (
    (dustPrice !== null && isDust(held, dustPrice)) ||
    (last !== undefined && refusedUnderMinimum(last))
  );
}

/**
 * The close settles the books: no order live, what is left is nothing or dust (see
 * `leftoverIsDust`), and the money fields are the fold's own (so a stored close always matches
 * its trades).
 */
function closeSettles(
  c: PositionContext,
  e: PositionEventOf<'PositionClosed'>,
  reason: CloseReason,
): boolean {
  const d = e.data;
  return (
    d.reason === reason &&
    c.liveOrderId === null &&
    leftoverIsDust(c, d.dustPrice) &&
    d.dustVolume.eq(heldVolume(c)) &&
    d.realizedPnlKrw.eq(realizedPnl(c)) &&
    d.proceedsKrw.eq(c.sold.funds) &&
    d.feesKrw.eq(totalFees(c))
  );
}

/** Guards of lifecycle events: activation, exits, closes, failures and operator commands. */
export const LIFECYCLE_GUARDS = {
  /** The entry is settled, something sellable or not is held, and the figures are the fold's. */
  activationMatches: (c, e) => {
    if (e.type !== 'PositionActivated' || c.liveOrderId !== null || c.activation !== null)
      return false;
    const entry = findOrder(c.orders, e.data.orderId);
    const avg = averagePrice(c.bought);
    return (
      entry !== undefined &&
      entry.request.leg === 'entry' &&
      entry.failure === null &&
      isSettled(entry) &&
      avg !== null &&
      e.data.volume.eq(heldVolume(c)) &&
      e.data.avgEntryPrice.eq(avg) &&
      e.data.costKrw.eq(costBasis(c)) &&
      e.data.feesKrw.eq(c.bought.fees)
    );
  },
  /** A pending position ends `cancelled`: nothing (or only dust) was bought. */
  pendingCloseAllowed: (c, e) => e.type === 'PositionClosed' && closeSettles(c, e, 'cancelled'),
  /** A closing position ends with its exit reason. */
  exitCloseAllowed: (c, e) =>
    e.type === 'PositionClosed' && c.exit !== null && closeSettles(c, e, c.exit.reason),
  /** A dismissed position in error ends with its exit reason, or `cancelled` if it never exited. */
  dismissCloseAllowed: (c, e) =>
    e.type === 'PositionClosed' && c.dismissed && closeSettles(c, e, c.exit?.reason ?? 'cancelled'),
  failureAccepted: (c, e) =>
    e.type === 'PositionFailed' &&
    c.failure === null &&
    (e.data.orderId === null || findOrder(c.orders, e.data.orderId) !== undefined),
  haltAccepted: (c, e) => e.type === 'RiskHaltReceived' && c.closeIntent === null,
  closeCommandAccepted: (c, e) => e.type === 'CloseRequested' && isNewCommand(c, e),
  pauseAccepted: (c, e) => e.type === 'PositionPaused' && !c.paused && isNewCommand(c, e),
  resumeAccepted: (c, e) => e.type === 'PositionResumed' && c.paused && isNewCommand(c, e),
  peakRaised: (c, e) =>
    e.type === 'PeakPriceRaised' && c.peakPrice !== null && e.data.price.gt(c.peakPrice),
  /** First trigger wins (OCO); pause holds back discretionary exits only. */
  exitTriggerAllowed: (c, e) =>
    e.type === 'ExitTriggered' &&
    !heldVolume(c).isZero() &&
    !(c.paused && DISCRETIONARY_EXITS.has(e.data.reason)),
  retryAllowed: (c, e) =>
    e.type === 'CloseRetried' &&
    isNewCommand(c, e) &&
    c.liveOrderId === null &&
    !heldVolume(c).isZero(),
  dismissAllowed: (c, e) =>
    e.type === 'ErrorDismissed' && isNewCommand(c, e) && !c.dismissed && c.liveOrderId === null,
} satisfies Record<string, Guard>;
