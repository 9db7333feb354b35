import type { PositionEvent } from '@hoga/contracts';
import type { OrderId } from '@hoga/model';
import {
  addTrade,
  findOrder,
  isSettled,
  newOrder,
  replaceOrder,
  withEnd,
  withFailure,
  withFill,
} from '../live-state/order-track.js';
import { changed } from '../live-state/change-context.js';
import type { OrderTrack, PositionContext } from '../live-state/position-context.js';
import { eventOf } from './position-snapshot.js';

/** An update of the position machine: the next context for an accepted event. */
export type Update = (c: PositionContext, e: PositionEvent) => PositionContext;

/** The order is no longer live once it is settled. */
const liveAfter = (c: PositionContext, track: OrderTrack): OrderId | null =>
  c.liveOrderId === track.request.orderId && isSettled(track) ? null : c.liveOrderId;

/** Context updates of order events. */
export const ORDER_UPDATES = {
  /** The order becomes the one live order; its attempt number is counted per leg. */
  requestOrder: (c, e) => {
    const { data } = eventOf(e, 'EntryOrderRequested', 'ExitOrderRequested');
    return changed(c, {
      orders: [...c.orders, newOrder(data)],
      liveOrderId: data.orderId,
      entryAttempts: data.leg === 'entry' ? data.attempt : c.entryAttempts,
      exitAttempts: data.leg === 'exit' ? data.attempt : c.exitAttempts,
    });
  },
  /** One trade: the order, the side totals, the trade uuid set and the last trade price. */
  applyFill: (c, e) => {
    const { type, data } = eventOf(e, 'EntryFilled', 'ExitFilled');
    const track = withFill(findOrder(c.orders, data.orderId)!, data);
    const entry = type === 'EntryFilled';
    return changed(c, {
      orders: replaceOrder(c.orders, track),
      liveOrderId: liveAfter(c, track),
      tradeUuids: [...c.tradeUuids, data.tradeUuid],
      bought: entry ? addTrade(c.bought, data) : c.bought,
      sold: entry ? c.sold : addTrade(c.sold, data),
      lastTradePrice: data.price,
    });
  },
  finishOrder: (c, e) => {
    const { data } = eventOf(e, 'OrderFinished');
    const track = withEnd(findOrder(c.orders, data.orderId)!, {
      state: data.state,
      executedVolume: data.executedVolume,
    });
    return changed(c, { orders: replaceOrder(c.orders, track), liveOrderId: liveAfter(c, track) });
  },
  failOrder: (c, e) => {
    const { data } = eventOf(e, 'OrderFailed');
    const track = withFailure(findOrder(c.orders, data.orderId)!, data.cause, data.code);
    return changed(c, { orders: replaceOrder(c.orders, track), liveOrderId: null });
  },
  requestCancel: (c, e) => {
    const { data } = eventOf(e, 'EntryOrderCancelRequested', 'ExitOrderCancelRequested');
    return changed(c, { cancelRequestedFor: data.orderId });
  },
} satisfies Record<string, Update>;
