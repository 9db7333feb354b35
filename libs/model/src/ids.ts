import * as t from 'io-ts';

/** Brands of the validated id strings. */
export interface PositionIdBrand {
  readonly PositionId: unique symbol;
}
export interface OrderIdBrand {
  readonly OrderId: unique symbol;
}
export interface StrategyIdBrand {
  readonly StrategyId: unique symbol;
}
export interface MarketBrand {
  readonly Market: unique symbol;
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const MARKET_PATTERN = /^KRW-[A-Z0-9]{1,15}$/;

/** Ids are 1-64 chars of [A-Za-z0-9_-]: safe as NATS subject tokens and Upbit identifiers. */
export const PositionId = t.brand(
  t.string,
  (s): s is t.Branded<string, PositionIdBrand> => ID_PATTERN.test(s),
  'PositionId',
);
export type PositionId = t.TypeOf<typeof PositionId>;
export const OrderId = t.brand(
  t.string,
  (s): s is t.Branded<string, OrderIdBrand> => ID_PATTERN.test(s),
  'OrderId',
);
export type OrderId = t.TypeOf<typeof OrderId>;
export const StrategyId = t.brand(
  t.string,
  (s): s is t.Branded<string, StrategyIdBrand> => ID_PATTERN.test(s),
  'StrategyId',
);
export type StrategyId = t.TypeOf<typeof StrategyId>;
/** An Upbit KRW market code, `KRW-BTC`. */
export const Market = t.brand(
  t.string,
  (s): s is t.Branded<string, MarketBrand> => MARKET_PATTERN.test(s),
  'Market',
);
export type Market = t.TypeOf<typeof Market>;

/** The base currency of a market: `KRW-BTC` -> `BTC`. */
export const baseCurrency = (m: Market): string => m.slice(4);
