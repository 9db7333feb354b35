import type { PositionContext } from './position-context.js';

/**
 * `c` with the fields of `d` replaced (no field is ever undefined, so undefined keeps). Written
 * out field by field: V8's object spread with overriding keys takes ~0.7 µs on this shape, an
 * explicit copy ~0.03 µs, and replay copies the context once per event.
 */
export function changed(c: PositionContext, d: Partial<PositionContext>): PositionContext {
  return {
    info: d.info === undefined ? c.info : d.info,
    paused: d.paused === undefined ? c.paused : d.paused,
    commandIds: d.commandIds === undefined ? c.commandIds : d.commandIds,
    orders: d.orders === undefined ? c.orders : d.orders,
    liveOrderId: d.liveOrderId === undefined ? c.liveOrderId : d.liveOrderId,
    entryAttempts: d.entryAttempts === undefined ? c.entryAttempts : d.entryAttempts,
    exitAttempts: d.exitAttempts === undefined ? c.exitAttempts : d.exitAttempts,
    tradeUuids: d.tradeUuids === undefined ? c.tradeUuids : d.tradeUuids,
    bought: d.bought === undefined ? c.bought : d.bought,
    sold: d.sold === undefined ? c.sold : d.sold,
    lastTradePrice: d.lastTradePrice === undefined ? c.lastTradePrice : d.lastTradePrice,
    closeIntent: d.closeIntent === undefined ? c.closeIntent : d.closeIntent,
    cancelRequestedFor:
      d.cancelRequestedFor === undefined ? c.cancelRequestedFor : d.cancelRequestedFor,
    activation: d.activation === undefined ? c.activation : d.activation,
    peakPrice: d.peakPrice === undefined ? c.peakPrice : d.peakPrice,
    exit: d.exit === undefined ? c.exit : d.exit,
    failure: d.failure === undefined ? c.failure : d.failure,
    dismissed: d.dismissed === undefined ? c.dismissed : d.dismissed,
    closed: d.closed === undefined ? c.closed : d.closed,
  };
}
