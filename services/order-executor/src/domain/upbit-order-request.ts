import type { PlaceOrderRequest } from '@hoga/upbit';
import type { OrderRecord } from './order-record.js';

/** The order's amounts do not fit its kind (the PlaceOrder codec prevents it: a bug). */
export class OrderShapeError extends Error {
  override readonly name = 'OrderShapeError';
}

/** The `POST /v1/orders` body of an order: limit, market buy (`price`) or market sell. */
export function upbitOrderRequest(o: OrderRecord): PlaceOrderRequest {
  const base = { market: o.market, identifier: o.identifier };
  if (o.kind === 'limit' && o.price && o.volume)
    return { ...base, ord_type: 'limit', side: o.side, price: o.price, volume: o.volume };
  if (o.kind === 'market' && o.side === 'bid' && o.totalKrw)
    return { ...base, ord_type: 'price', side: 'bid', price: o.totalKrw };
  if (o.kind === 'market' && o.side === 'ask' && o.volume)
    return { ...base, ord_type: 'market', side: 'ask', volume: o.volume };
  throw new OrderShapeError(`order ${o.orderId}: amounts do not fit a ${o.kind} ${o.side}`);
}
