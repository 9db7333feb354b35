import type { Decimal } from '@hoga/model';
import type { Params } from '../auth/query-string.js';

/** Money and volumes are exact: a Decimal or its decimal text, never a float. */
export type DecimalText = Decimal | string;
export type TimeInForce = 'ioc' | 'fok' | 'post_only';
export type SmpType = 'reduce' | 'cancel_maker' | 'cancel_taker';

interface OrderBase {
  readonly market: string;
  /** Unique across all of the account's orders, forever: derive it from the order intent. */
  readonly identifier?: string;
  readonly smp_type?: SmpType;
}

/** Limit order: price and volume; optional `ioc`/`fok`/`post_only`. */
export interface LimitOrderRequest extends OrderBase {
  readonly ord_type: 'limit';
  readonly side: 'bid' | 'ask';
  readonly price: DecimalText;
  readonly volume: DecimalText;
  readonly time_in_force?: TimeInForce;
}
/** Market buy: `price` is the KRW total to spend; no volume. */
export interface MarketBuyRequest extends OrderBase {
  readonly ord_type: 'price';
  readonly side: 'bid';
  readonly price: DecimalText;
}
/** Market sell: volume only; no price. */
export interface MarketSellRequest extends OrderBase {
  readonly ord_type: 'market';
  readonly side: 'ask';
  readonly volume: DecimalText;
}
/** Best-price order: a bid sends the KRW total, an ask the volume; `ioc` or `fok` required. */
export type BestOrderRequest = OrderBase & {
  readonly ord_type: 'best';
  readonly time_in_force: 'ioc' | 'fok';
} & (
    | { readonly side: 'bid'; readonly price: DecimalText }
    | { readonly side: 'ask'; readonly volume: DecimalText }
  );

/** Any order `POST /v1/orders` accepts; the union rules out price on a market sell and so on. */
export type PlaceOrderRequest =
  LimitOrderRequest | MarketBuyRequest | MarketSellRequest | BestOrderRequest;

/** The body in Upbit's documented order (the hash follows the same order). */
export function orderParams(order: PlaceOrderRequest): Params {
  return {
    market: order.market,
    side: order.side,
    ord_type: order.ord_type,
    volume: 'volume' in order ? order.volume : undefined,
    price: 'price' in order ? order.price : undefined,
    identifier: order.identifier,
    time_in_force: 'time_in_force' in order ? order.time_in_force : undefined,
    smp_type: order.smp_type,
  };
}

/** Which order: by `uuid` or by `identifier` (Upbit prefers uuid when both are given). */
export type OrderRef = { readonly uuid: string } | { readonly identifier: string };

/** `GET /v1/orders/open` filters. */
export interface OpenOrdersQuery {
  readonly market?: string;
  readonly states?: readonly ('wait' | 'watch')[];
  readonly page?: number;
  /** At most 100. */
  readonly limit?: number;
  readonly order_by?: 'asc' | 'desc';
}

/** `GET /v1/orders/closed` filters; the window is at most 7 days. */
export interface ClosedOrdersQuery {
  readonly market?: string;
  readonly states?: readonly ('done' | 'cancel')[];
  readonly start_time?: Date | string;
  readonly end_time?: Date | string;
  /** At most 1000. */
  readonly limit?: number;
  readonly order_by?: 'asc' | 'desc';
}

/** `GET /v1/orders/uuids`: up to 100 uuids or identifiers (not both). */
export type OrdersByIdsQuery = { readonly market?: string; readonly order_by?: 'asc' | 'desc' } & (
  { readonly uuids: readonly string[] } | { readonly identifiers: readonly string[] }
);
