import type { Decimal } from '@hoga/model';

/** bid = buy, ask = sell. */
export type Side = 'bid' | 'ask';
/** limit; price = market buy (KRW total); market = market sell; best = best price with ioc/fok. */
export type OrdType = 'limit' | 'price' | 'market' | 'best';
/** Upbit's time-in-force options (none = good till cancelled). */
export type TimeInForce = 'ioc' | 'fok' | 'post_only';
/** Self-match prevention modes. */
export type SmpType = 'cancel_maker' | 'cancel_taker' | 'reduce';
/** Order states of the REST API (`trade` exists only on the WebSocket). */
export type OrderState = 'wait' | 'watch' | 'done' | 'cancel';

/** One execution of an order (an entry of `trades[]`). */
export interface Fill {
  readonly uuid: string;
  readonly price: Decimal;
  readonly volume: Decimal;
  /** price * volume, in KRW. */
  readonly funds: Decimal;
  readonly fee: Decimal;
  readonly isMaker: boolean;
  readonly trend: 'up' | 'down';
  readonly at: number;
}

/**
 * An order as the exchange keeps it. For a market buy (`price`) `price` is the KRW total and
 * `volume`/`remainingVolume` are undefined; `remainingFunds` tracks the unspent KRW of any
 * funds-driven order (market buy, best bid).
 */
export interface Order {
  readonly uuid: string;
  readonly accessKey: string;
  readonly market: string;
  readonly side: Side;
  readonly ordType: OrdType;
  readonly price: Decimal | undefined;
  readonly volume: Decimal | undefined;
  readonly timeInForce: TimeInForce | undefined;
  readonly smpType: SmpType | undefined;
  readonly identifier: string | undefined;
  readonly createdAt: number;
  state: OrderState;
  remainingVolume: Decimal | undefined;
  remainingFunds: Decimal | undefined;
  executedVolume: Decimal;
  executedFunds: Decimal;
  reservedFee: Decimal;
  remainingFee: Decimal;
  paidFee: Decimal;
  locked: Decimal;
  preventedVolume: Decimal;
  preventedLocked: Decimal;
  trades: Fill[];
  /** When the order reached `done` or `cancel`. */
  finishedAt: number | undefined;
}

/** An immutable copy of an order at one moment (decimals are immutable; arrays are copied). */
export type OrderSnapshot = Readonly<Omit<Order, 'trades'>> & { readonly trades: readonly Fill[] };

/** Copies an order for answers and events. */
export const snapshotOf = (o: Order): OrderSnapshot => ({ ...o, trades: [...o.trades] });

/** The order is still on the book (can fill or be cancelled). */
export const isOpen = (o: { state: OrderState }): boolean =>
  o.state === 'wait' || o.state === 'watch';

/** The coin traded: `BTC` of `KRW-BTC`. */
export const baseCurrency = (market: string): string => market.slice(market.indexOf('-') + 1);
/** The currency prices are in: `KRW` of `KRW-BTC`. */
export const quoteCurrency = (market: string): string => market.slice(0, market.indexOf('-'));
