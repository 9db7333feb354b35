import * as t from 'io-ts';
import { OrderId, PositionId } from '@hoga/model';
import { envelope } from './envelope.js';
import { OrderRequest } from './position-events.codec.js';
import { IdentifierC, messageUnion, refine } from './codec-helpers.js';

type OrderShape = t.TypeOf<typeof OrderRequest>;

/**
 * The amounts an order of each kind needs, as Upbit accepts them: a limit order has a price
 * and a volume; a market buy only a KRW total; a market sell only a volume.
 */
const hasConsistentAmounts = (o: OrderShape): boolean => {
  if (o.kind === 'limit') return o.price !== null && o.volume !== null && o.totalKrw === null;
  if (o.side === 'bid') return o.totalKrw !== null && o.price === null && o.volume === null;
  return o.volume !== null && o.price === null && o.totalKrw === null;
};

/**
 * Places one order on Upbit, on `hoga.order.cmd` (JetStream work queue, message id = order id).
 * It is the position's `OrderRequest` with the position it belongs to; the executor sends it
 * once, with the `identifier`, and answers on `hoga.order.evt.<partition>.<positionId>`.
 */
export const PlaceOrder = envelope(
  'PlaceOrder',
  refine(
    t.strict({ positionId: PositionId, ...OrderRequest.type.props }),
    hasConsistentAmounts,
    'PlaceOrderData(limit: price + volume; market buy: totalKrw; market sell: volume)',
  ),
);
export type PlaceOrder = t.TypeOf<typeof PlaceOrder>;

/**
 * Cancels an order (a pending entry on operator close, a stale limit exit). The outcome is an
 * `OrderCancelled`, then the order's `OrderCompleted` with whatever had filled.
 */
export const CancelOrder = envelope(
  'CancelOrder',
  t.strict({ positionId: PositionId, orderId: OrderId, identifier: IdentifierC }),
);
export type CancelOrder = t.TypeOf<typeof CancelOrder>;

/** Everything on `hoga.order.cmd`. */
export const OrderCommand = messageUnion('OrderCommand', [PlaceOrder, CancelOrder]);
export type OrderCommand = t.TypeOf<typeof OrderCommand>;
