import { Decimal, type DecimalInput } from './decimal.js';

declare const brand: unique symbol;
type Branded<T, B extends string> = T & { readonly [brand]: B };

/** A price in KRW per unit of the base currency. */
export type Price = Branded<Decimal, 'Price'>;
/** A quantity of the base currency (Upbit: at most 8 decimals). */
export type Volume = Branded<Decimal, 'Volume'>;
/** An amount of Korean won (totals, fees, PnL). May be negative (PnL). */
export type Krw = Branded<Decimal, 'Krw'>;

export const price = (v: DecimalInput): Price => new Decimal(v) as Price;
export const volume = (v: DecimalInput): Volume => new Decimal(v) as Volume;
export const krw = (v: DecimalInput): Krw => new Decimal(v) as Krw;

/** Upbit volumes carry at most 8 decimal places. */
export const VOLUME_DECIMALS = 8;
/** KRW market minimum order total (Upbit: below -> under_min_total_bid/ask). */
export const MIN_ORDER_KRW = krw(5000);
/** KRW market maximum order total. */
export const MAX_ORDER_KRW = krw(1_000_000_000);
/** Default KRW-market fee rate (0.05%); read the real one from /v1/orders/chance. */
export const DEFAULT_FEE_RATE = new Decimal('0.0005');

/** Truncates a volume to Upbit's 8 decimals (never rounds up: you cannot sell what you lack). */
export const truncateVolume = (v: Decimal): Volume =>
  v.toDecimalPlaces(VOLUME_DECIMALS, Decimal.ROUND_DOWN) as Volume;

export const hasValidVolumeDecimals = (v: Decimal): boolean => v.decimalPlaces() <= VOLUME_DECIMALS;

/** True when an order total meets the 5,000 KRW minimum. */
export const meetsMinimumOrder = (total: Decimal, minimum: Decimal = MIN_ORDER_KRW): boolean =>
  total.gte(minimum);
