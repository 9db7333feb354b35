import type { Decimal } from '@hoga/model';

/** One trade of an order as the exchange reports it (`GET /v1/order`'s `trades[]`). */
export interface ExchangeTrade {
  readonly uuid: string;
  readonly price: Decimal;
  readonly volume: Decimal;
  readonly funds: Decimal;
}

/** An order as the exchange reports it (Upbit `GET /v1/order`), in exact decimals. */
export interface ExchangeOrder {
  readonly uuid: string;
  readonly identifier: string | null;
  readonly market: string;
  readonly side: string;
  /** `limit`, `price` (market buy: `price` is the KRW total), `market` (market sell), `best`. */
  readonly ordType: string;
  /** `wait`, `watch`, `done`, `cancel`. */
  readonly state: string;
  readonly price: Decimal | null;
  readonly volume: Decimal | null;
  readonly executedVolume: Decimal;
  readonly paidFee: Decimal;
  readonly createdAt: string;
  readonly trades: readonly ExchangeTrade[];
}

/** What hoga recorded of one order (order-executor's `orders` row) for the exchange comparison. */
export interface HogaOrder {
  readonly orderId: string;
  readonly identifier: string;
  readonly positionId: string;
  readonly market: string;
  readonly side: string;
  readonly kind: string;
  readonly state: string;
  readonly price: Decimal | null;
  readonly volume: Decimal | null;
  readonly totalKrw: Decimal | null;
  readonly exchangeUuid: string | null;
  /** ISO-8601: when order-executor stored it. */
  readonly createdAt: string;
}

/** What the exchange said about one of hoga's orders (null: it does not know the order). */
export interface ExchangeLookup {
  readonly order: HogaOrder;
  readonly seen: ExchangeOrder | null;
}
