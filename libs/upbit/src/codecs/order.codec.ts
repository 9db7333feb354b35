import * as t from 'io-ts';
import { DecimalC, NonNegativeKrwC, PriceC, VolumeC } from '@hoga/model';
import { IntC, MarketCodeC, nullish, withDefault } from './lenient.codec.js';

/** `bid` buys, `ask` sells. */
export const OrderSideC = t.keyof({ bid: null, ask: null }, 'OrderSide');
export type OrderSide = t.TypeOf<typeof OrderSideC>;

/** `limit`; `price` = market buy (price is the KRW total); `market` = market sell; `best`. */
export const OrdTypeC = t.keyof({ limit: null, price: null, market: null, best: null }, 'OrdType');
export type OrdType = t.TypeOf<typeof OrdTypeC>;

/** REST order states; an unknown state is a decode error, never a guess. */
export const OrderStateC = t.keyof(
  { wait: null, watch: null, done: null, cancel: null },
  'OrderState',
);
export type OrderState = t.TypeOf<typeof OrderStateC>;

const orderProps = {
  uuid: t.string,
  side: OrderSideC,
  ord_type: OrdTypeC,
  price: nullish(DecimalC),
  state: OrderStateC,
  market: MarketCodeC,
  created_at: t.string,
  volume: nullish(VolumeC),
  remaining_volume: nullish(VolumeC),
  reserved_fee: NonNegativeKrwC,
  remaining_fee: NonNegativeKrwC,
  paid_fee: NonNegativeKrwC,
  /** KRW for bids, coins for asks. */
  locked: DecimalC,
  executed_volume: VolumeC,
  executed_funds: nullish(NonNegativeKrwC),
  trades_count: IntC,
  time_in_force: nullish(t.string),
  identifier: nullish(t.string),
  smp_type: nullish(t.string),
  prevented_volume: nullish(VolumeC),
  prevented_locked: nullish(DecimalC),
};
/**
 * An order as the REST API returns it. Decimals are exact. `price` is null on market sells (and
 * is the KRW total on market buys); `volume` is null on market buys. A market buy usually ends
 * `cancel` with `executed_volume > 0`: a fill with refunded dust, not a failure.
 */
export const UpbitOrderC = t.exact(t.type(orderProps), 'UpbitOrder');
export type UpbitOrder = t.TypeOf<typeof UpbitOrderC>;

/** One trade (fill) of an order; `uuid` is the trade id, applied once. */
export const UpbitOrderTradeC = t.exact(
  t.type({
    market: MarketCodeC,
    uuid: t.string,
    price: PriceC,
    volume: VolumeC,
    funds: NonNegativeKrwC,
    trend: nullish(t.string),
    created_at: t.string,
    side: OrderSideC,
  }),
  'UpbitOrderTrade',
);
export type UpbitOrderTrade = t.TypeOf<typeof UpbitOrderTradeC>;

/** `GET /v1/order`: the order plus its trades (absent trades read as none). */
export const UpbitOrderDetailC = t.exact(
  t.type({ ...orderProps, trades: withDefault(t.readonlyArray(UpbitOrderTradeC), []) }),
  'UpbitOrderDetail',
);
export type UpbitOrderDetail = t.TypeOf<typeof UpbitOrderDetailC>;

/** A list of orders (`orders/open`, `orders/closed`, `orders/uuids`). */
export const UpbitOrderListC = t.readonlyArray(UpbitOrderC, 'UpbitOrderList');
