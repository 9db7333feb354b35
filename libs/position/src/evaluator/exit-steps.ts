import type { CloseReason, ExitReason } from '@hoga/contracts';
import type { Price } from '@hoga/model';
import { isDust } from '../live-state/fees.js';
import { findOrder } from '../live-state/order-track.js';
import type { OrderTrack, PositionContext } from '../live-state/position-context.js';
import { heldVolume, realizedPnl, totalFees } from '../live-state/position-money.js';
import type { Emission } from './emission.js';
import { exitOrder } from './order-requests.js';

/** The live exit order when it is a resting limit order that can still be cancelled. */
export function restingLimitExit(c: PositionContext): OrderTrack | undefined {
  // Stryker disable next-line ConditionalExpression: equivalent, `findOrder` never finds a null id
  if (c.liveOrderId === null) return undefined;
  if (c.cancelRequestedFor === c.liveOrderId) return undefined;
  const live = findOrder(c.orders, c.liveOrderId);
  // Stryker disable next-line OptionalChaining: the live order id always names a tracked order
  return live?.request.leg === 'exit' && live.request.kind === 'limit' && live.end === null
    ? live
    : undefined;
}

/**
 * A close or halt reached a closing position: a resting limit exit is cancelled, so its remainder
 * goes out at market as the next attempt (`settleExit`). A market exit is left to finish.
 */
export function hurryExit(em: Emission, reason: 'operator-close' | 'risk-halt'): void {
  const resting = restingLimitExit(em.snapshot.context);
  if (resting !== undefined)
    em.emit('ExitOrderCancelRequested', { orderId: resting.request.orderId, reason });
}

/**
 * Something worth selling is held at `price` (more than dust; any holding when no price is
 * known). Callers pass a confirmed price (`confirmedPrice`), never a bare tick.
 */
export function holdsSellable(c: PositionContext, price: Price | null): boolean {
  const held = heldVolume(c);
  return held.gt(0) && (price === null || !isDust(held, price));
}

/**
 * Closes the position: settles the books from the fold; what is left is recorded as dust at
 * `price` (the machine accepts it only when that is dust at `price`, or the last exit was
 * refused under the minimum).
 */
export function closeNow(em: Emission, reason: CloseReason, price: Price | null): void {
  const c = em.snapshot.context;
  const held = heldVolume(c);
  em.emit('PositionClosed', {
    reason,
    realizedPnlKrw: realizedPnl(c),
    proceedsKrw: c.sold.funds,
    feesKrw: totalFees(c),
    dustVolume: held,
    dustPrice: held.isZero() ? null : price,
  });
}

/**
 * Asks for the next exit order for everything held (priced from `price` when the exit is a
 * limit order), or closes when nothing is held, or when the holding is dust at a CONFIRMED price
 * (`em.confirmedPrice`). A trigger price alone never makes coins dust: until the exchange
 * refuses, the exit order is sent (ADR 0024).
 */
export function requestExit(em: Emission, reason: ExitReason, price: Price | null): void {
  const c = em.snapshot.context;
  const held = heldVolume(c);
  // Nothing held, or dust at a confirmed price (with none known, what is held is sold): close.
  const confirmed = em.confirmedPrice;
  if (!holdsSellable(c, confirmed)) return closeNow(em, reason, confirmed);
  const style = em.watch.spec!.orders.exit;
  em.emit('ExitOrderRequested', exitOrder(c.info!, style, reason, c.exitAttempts + 1, held, price));
}

/** An exit trigger fires: record it (active -> closing) and ask for the exit order. */
export function exitNow(
  em: Emission,
  reason: ExitReason,
  triggerPrice: Price | null,
  detail: string | null,
): void {
  em.emit('ExitTriggered', { reason, triggerPrice, at: em.ctx.now, detail });
  requestExit(em, reason, triggerPrice ?? em.markPrice);
}

/**
 * The closing position's exit was refused by the exchange minimum (`under_min_total_ask`, or
 * denied `under-min-total`): what is left is dust by the exchange's own word. Closed with it,
 * valued at the confirmed price when one is known.
 */
export function closeRefusedAsDust(em: Emission): void {
  const { status, context } = em.snapshot;
  if (status !== 'closing') return;
  // Stryker disable next-line ConditionalExpression: equivalent, a closing position has its exit
  if (context.exit === null) return;
  closeNow(em, context.exit.reason, em.confirmedPrice);
}

/**
 * After a closing position's exit order is settled: closed when nothing (or only dust) is left,
 * otherwise a new exit attempt for the remainder (a partial fill that ended `cancel`, or an
 * order proven never placed).
 */
export function settleExit(em: Emission): void {
  const { status, context } = em.snapshot;
  if (status !== 'closing' || context.liveOrderId !== null) return;
  // Stryker disable next-line ConditionalExpression: equivalent, a closing position has its exit
  if (context.exit === null) return;
  requestExit(em, context.exit.reason, em.markPrice);
}
