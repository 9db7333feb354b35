import type { OrderEvent } from '@hoga/contracts';
import { ZERO, type OrderId, type Volume } from '@hoga/model';
import { refusedUnderMinimum } from '../live-state/fees.js';
import { expiredEntriesInARow, MAX_EXPIRED_ENTRIES } from '../live-state/expired-entries.js';
import { findOrder } from '../live-state/order-track.js';
import type { OrderFailureCause } from '../live-state/position-context.js';
import type { DecideContext } from './decide-context.js';
import { unchanged, type Decision } from './decision.js';
import { settleEntry } from './entry-steps.js';
import { Emission } from './emission.js';
import { closeRefusedAsDust } from './exit-steps.js';
import type { OrderInput } from './inputs.js';
import type { LivePosition } from './live-position.js';
import { settle } from './settle.js';

type Data<T extends OrderEvent['type']> = Extract<OrderEvent, { type: T }>['data'];

/** One trade, once: booked on the order's leg, then settle. Unknown orders, repeats and overfills are ignored. */
function onFill(em: Emission, d: Data<'OrderFilled'>): void {
  const order = findOrder(em.snapshot.context.orders, d.orderId);
  if (order === undefined) return;
  const fill = {
    orderId: d.orderId,
    tradeUuid: d.tradeUuid,
    price: d.price,
    volume: d.volume,
    funds: d.funds,
    fee: d.fee,
    at: d.at,
  };
  if (em.tryEmit(order.request.leg === 'entry' ? 'EntryFilled' : 'ExitFilled', fill)) settle(em);
}

/** The order's final state; its fills may still follow. Fewer executed than filled cannot be reconciled. */
function onFinished(
  em: Emission,
  orderId: OrderId,
  state: 'done' | 'cancel',
  executedVolume: Volume,
): void {
  const order = findOrder(em.snapshot.context.orders, orderId);
  if (order === undefined || order.end !== null) return;
  if (executedVolume.lt(order.filled.volume)) {
    const message = `exchange reports ${executedVolume.toString()} executed, ${order.filled.volume.toString()} already filled`;
    em.tryEmit('PositionFailed', {
      orderId,
      cause: 'order-unresolvable',
      code: 'executed-volume-mismatch',
      message,
    });
    return;
  }
  if (em.tryEmit('OrderFinished', { orderId, state, executedVolume })) settle(em);
}

/**
 * The live order never existed. Not placed: try again (or close). Expired (an entry refused as
 * too old to send): back to waiting for the entry signal, a new attempt with a new identifier
 * once it comes (or close) — until {@link MAX_EXPIRED_ENTRIES} entries in a row expired, which is
 * an error. Rejected or denied: error, except for a pending position already asked to close,
 * which simply ends `cancelled`.
 */
function onFailed(
  em: Emission,
  orderId: OrderId,
  cause: OrderFailureCause,
  code: string,
  message: string,
): void {
  if (!em.tryEmit('OrderFailed', { orderId, cause, code, message })) return;
  const { status, context } = em.snapshot;
  if (cause === 'not-placed') return settle(em);
  const failed = findOrder(context.orders, orderId);
  if (status === 'closing' && failed !== undefined && refusedUnderMinimum(failed))
    return closeRefusedAsDust(em);
  const expiredRun = expiredEntriesInARow(context.orders);
  if (cause === 'expired' && expiredRun < MAX_EXPIRED_ENTRIES) return settle(em);
  if (status === 'pending' && context.closeIntent !== null && context.bought.volume.isZero())
    return settleEntry(em);
  em.emit('PositionFailed', {
    orderId,
    cause: cause === 'rejected' ? 'order-rejected' : 'order-denied',
    code,
    message:
      cause === 'expired'
        ? `${expiredRun} entry orders in a row were too old to send: ${message}`
        : message,
  });
}

/** The reason the executor gives an entry refused for its age (ADR 0030). */
const EXPIRED = 'order-expired';

/** The cause an `OrderDenied` gives: an entry refused for its age is `expired`, not an error. */
function denialCause(em: Emission, orderId: OrderId, reason: string): OrderFailureCause {
  const order = findOrder(em.snapshot.context.orders, orderId);
  return reason === EXPIRED && order?.request.leg === 'entry' ? 'expired' : 'denied';
}

/** Decides on an order executor event: fills, final states and failures of the position's orders. */
export function decideOnOrder(live: LivePosition, input: OrderInput, ctx: DecideContext): Decision {
  const { event } = input;
  const { status, context } = live.snapshot;
  if (
    status === 'unopened' ||
    status === 'closed' ||
    event.data.positionId !== context.info?.positionId
  )
    return unchanged(live);
  const em = new Emission(live, input.id, ctx);
  const d = event.data;
  switch (event.type) {
    case 'OrderFilled':
      onFill(em, event.data);
      break;
    case 'OrderCompleted':
      onFinished(em, d.orderId, event.data.state, event.data.executedVolume);
      break;
    case 'OrderCancelled':
      // Cancelled before it was ever sent: it ends with nothing executed. Otherwise OrderCompleted follows.
      if (event.data.exchangeOrderId === null) onFinished(em, d.orderId, 'cancel', ZERO as Volume);
      break;
    case 'OrderRejected':
      onFailed(em, d.orderId, 'rejected', event.data.error.name, event.data.error.message);
      break;
    case 'OrderDenied':
      onFailed(
        em,
        d.orderId,
        denialCause(em, d.orderId, event.data.reason),
        event.data.reason,
        event.data.detail,
      );
      break;
    case 'OrderNotPlaced':
      onFailed(em, d.orderId, 'not-placed', 'not-placed', event.data.detail);
      break;
    case 'OrderAccepted':
    case 'OrderUnknown':
      // Accepted changes nothing; unknown is being looked up by the executor: the order stays live.
      break;
  }
  return em.decision();
}
