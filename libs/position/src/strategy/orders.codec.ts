import * as t from 'io-ts';
import { closedStruct, withDefaults } from './closed-struct.codec.js';
import type { JsonObject } from './indicator-ref.codec.js';
import { OffsetTicksC } from './spec-scalars.codec.js';
import type { OrderStyle, OrdersSpec } from './strategy-spec.js';

const LimitC = closedStruct(
  'limit',
  { limit: closedStruct('offset', { offsetTicks: OffsetTicksC }, {}) },
  {},
);

/** `market`, or `{ limit: { offsetTicks: n } }`. */
export const OrderStyleC = new t.Type<OrderStyle, string | JsonObject, unknown>(
  'OrderStyle',
  (u): u is OrderStyle => u === 'market' || LimitC.is(u),
  (u, c) => {
    if (u === 'market') return t.success(u);
    if (typeof u === 'string' || typeof u !== 'object') {
      return t.failure(u, c, "expected 'market' or { limit: { offsetTicks: n } }");
    }
    return LimitC.validate(u, c);
  },
  (style) => (style === 'market' ? style : LimitC.encode(style)),
);

/** Entry and exit order styles; each defaults to `market`. */
export const OrdersSpecC: t.Type<OrdersSpec, JsonObject, unknown> = withDefaults(
  closedStruct('orders', {}, { entry: OrderStyleC, exit: OrderStyleC }),
  (o) => ({ entry: o.entry ?? 'market', exit: o.exit ?? 'market' }),
);

/** Orders when the spec names none. */
export const MARKET_ORDERS: OrdersSpec = { entry: 'market', exit: 'market' };
