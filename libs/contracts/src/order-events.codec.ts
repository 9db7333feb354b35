import * as t from 'io-ts';
import { Market, NonNegativeKrwC, OrderId, PositionId, VolumeC } from '@hoga/model';
import { envelope } from './envelope.js';
import { Fill } from './position-events.codec.js';
import {
  ExchangeIdC,
  IdentifierC,
  messageUnion,
  NonNegativeIntC,
  text,
  nullable,
} from './codec-helpers.js';
import { OrderDenialReason } from './order-denial.codec.js';

/** The side of an order: `bid` buys, `ask` sells. */
export const OrderSide = t.keyof({ bid: null, ask: null }, 'OrderSide');
export type OrderSide = t.TypeOf<typeof OrderSide>;

const order = { positionId: PositionId, orderId: OrderId };
const placed = { ...order, identifier: IdentifierC };

/**
 * Upbit took the order (`201`), or a lookup after an unknown outcome found it (`via: lookup`).
 * `exchangeOrderId` is Upbit's order uuid.
 */
export const OrderAccepted = envelope(
  'OrderAccepted',
  t.strict({
    ...placed,
    exchangeOrderId: ExchangeIdC,
    via: t.keyof({ response: null, lookup: null }),
  }),
);

/** One Upbit trade of the order; a trade uuid is applied at most once. */
export const OrderFilled = envelope(
  'OrderFilled',
  t.strict({
    positionId: PositionId,
    ...Fill.type.props,
    exchangeOrderId: ExchangeIdC,
    market: Market,
    side: OrderSide,
  }),
);

/**
 * The order reached a final Upbit state. `cancel` with `executedVolume > 0` is a partial (or a
 * market buy whose unspendable KRW was refunded): a fill, not a failure. `tradesCount` lets the
 * consumer check that it has applied every `OrderFilled` before it settles.
 */
export const OrderCompleted = envelope(
  'OrderCompleted',
  t.strict({
    ...order,
    exchangeOrderId: ExchangeIdC,
    state: t.keyof({ done: null, cancel: null }),
    executedVolume: VolumeC,
    executedFunds: NonNegativeKrwC,
    paidFee: NonNegativeKrwC,
    tradesCount: NonNegativeIntC,
  }),
);

/** Upbit refused the order: its error `name` (branch on it) and message, and the HTTP status. */
export const OrderRejected = envelope(
  'OrderRejected',
  t.strict({
    ...placed,
    error: t.strict({ name: text(100, 1), message: text(1000) }),
    httpStatus: nullable(NonNegativeIntC),
  }),
);

/** A pre-trade check denied the order before it reached Upbit. */
export const OrderDenied = envelope(
  'OrderDenied',
  t.strict({ ...placed, reason: OrderDenialReason, detail: text(1000) }),
);

/**
 * The request may or may not have reached Upbit (timeout, dropped connection, 5xx). The order is
 * being looked up by `identifier`; no new attempt is sent until it is found (`OrderAccepted`
 * via lookup) or its absence is certain (`OrderNotPlaced`).
 */
export const OrderUnknown = envelope(
  'OrderUnknown',
  t.strict({
    ...placed,
    cause: t.keyof({ timeout: null, 'connection-lost': null, 'server-error': null }),
    detail: text(1000),
  }),
);

/** After an unknown outcome, the lookup proved the order was never placed: a new attempt (with a
 * new identifier) may be sent. */
export const OrderNotPlaced = envelope(
  'OrderNotPlaced',
  t.strict({ ...placed, detail: text(1000) }),
);

/**
 * The cancel was accepted by Upbit (`exchangeOrderId` set; the final state with any fills follows
 * as `OrderCompleted`), or the order had not been sent and never will be (`exchangeOrderId` null).
 */
export const OrderCancelled = envelope(
  'OrderCancelled',
  t.strict({ ...order, exchangeOrderId: nullable(ExchangeIdC) }),
);

/** Everything on `hoga.order.evt.<partition>.<positionId>` (ADR 0065). */
export const OrderEvent = messageUnion('OrderEvent', [
  OrderAccepted,
  OrderFilled,
  OrderCompleted,
  OrderRejected,
  OrderDenied,
  OrderUnknown,
  OrderNotPlaced,
  OrderCancelled,
]);
export type OrderEvent = t.TypeOf<typeof OrderEvent>;
export type OrderEventType = OrderEvent['type'];
export type OrderAccepted = t.TypeOf<typeof OrderAccepted>;
export type OrderFilled = t.TypeOf<typeof OrderFilled>;
export type OrderCompleted = t.TypeOf<typeof OrderCompleted>;
export type OrderRejected = t.TypeOf<typeof OrderRejected>;
export type OrderDenied = t.TypeOf<typeof OrderDenied>;
export type OrderUnknown = t.TypeOf<typeof OrderUnknown>;
export type OrderNotPlaced = t.TypeOf<typeof OrderNotPlaced>;
export type OrderCancelled = t.TypeOf<typeof OrderCancelled>;
