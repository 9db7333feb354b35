import {
  formatAmount,
  formatKrw,
  type Decimal,
  type Krw,
  type Market,
  type Price,
  type Volume,
} from '@hoga/model';

/**
 * Why a pre-trade check denied an order: a code with its figures and a human-readable message.
 * The message names amounts and markets only (there is nothing secret in an order).
 */
export type Denial =
  | { readonly code: 'invalid-order-shape'; readonly problem: string; readonly message: string }
  | { readonly code: 'trading-halted'; readonly message: string }
  | { readonly code: 'trading-reducing'; readonly message: string }
  | { readonly code: 'exchange-access-lost'; readonly message: string }
  | { readonly code: 'exchange-order-permission-missing'; readonly message: string }
  | {
      readonly code: 'under-min-total';
      readonly totalKrw: Krw;
      readonly minTotalKrw: Krw;
      readonly message: string;
    }
  | {
      readonly code: 'over-max-total';
      readonly totalKrw: Krw;
      readonly maxTotalKrw: Krw;
      readonly message: string;
    }
  | {
      readonly code: 'off-tick-grid';
      readonly price: Price;
      readonly tickSize: Decimal;
      readonly message: string;
    }
  | {
      readonly code: 'too-many-decimals';
      readonly volume: Volume;
      readonly maxDecimals: number;
      readonly message: string;
    }
  | {
      readonly code: 'insufficient-balance';
      readonly currency: string;
      readonly required: Decimal;
      readonly available: Decimal;
      readonly message: string;
    }
  | {
      readonly code: 'max-open-positions';
      readonly openPositions: number;
      readonly maxOpenPositions: number;
      readonly message: string;
    }
  | {
      readonly code: 'max-exposure-per-market';
      readonly market: Market;
      readonly exposureKrw: Krw;
      readonly orderTotalKrw: Krw;
      readonly maxExposureKrw: Krw;
      readonly message: string;
    };

/** The code of every {@link Denial}. */
export type DenialCode = Denial['code'];

/** Builders of the denials, each with its message. */
export const denials = {
  invalidShape: (problem: string): Denial => ({
    code: 'invalid-order-shape',
    problem,
    message: `invalid order: ${problem}`,
  }),
  halted: (): Denial => ({
    code: 'trading-halted',
    message: 'trading is HALTED (safe mode): only exits are sent',
  }),
  reducing: (): Denial => ({
    code: 'trading-reducing',
    message: 'trading is REDUCING: new entries are denied, exits are allowed',
  }),
  accessLost: (): Denial => ({
    code: 'exchange-access-lost',
    message:
      'Upbit refuses the API key (expired, revoked or IP not allowed): no entries until access returns',
  }),
  orderPermissionMissing: (): Denial => ({
    code: 'exchange-order-permission-missing',
    message:
      'the API key may not place orders (out_of_scope): no entries until the permission returns',
  }),
  underMinTotal: (totalKrw: Krw, minTotalKrw: Krw): Denial => ({
    code: 'under-min-total',
    totalKrw,
    minTotalKrw,
    message: `order total ${formatKrw(totalKrw, 'en', 'exact')} is under the minimum of ${formatKrw(minTotalKrw, 'en', 'exact')}`,
  }),
  overMaxTotal: (totalKrw: Krw, maxTotalKrw: Krw): Denial => ({
    code: 'over-max-total',
    totalKrw,
    maxTotalKrw,
    message: `order total ${formatKrw(totalKrw, 'en', 'exact')} is over the maximum of ${formatKrw(maxTotalKrw, 'en', 'exact')}`,
  }),
  offTickGrid: (price: Price, tickSize: Decimal): Denial => ({
    code: 'off-tick-grid',
    price,
    tickSize,
    message: `price ${formatAmount(price)} is not a multiple of the tick size ${tickSize.toString()}`,
  }),
  tooManyDecimals: (volume: Volume, maxDecimals: number): Denial => ({
    code: 'too-many-decimals',
    volume,
    maxDecimals,
    message: `volume ${volume.toString()} has more than ${maxDecimals} decimals`,
  }),
  insufficientBalance: (currency: string, required: Decimal, available: Decimal): Denial => ({
    code: 'insufficient-balance',
    currency,
    required,
    available,
    message: `needs ${formatAmount(required)} ${currency} but only ${formatAmount(available)} ${currency} is available`,
  }),
  maxOpenPositions: (openPositions: number, maxOpenPositions: number): Denial => ({
    code: 'max-open-positions',
    openPositions,
    maxOpenPositions,
    message: `${openPositions} positions are open: the maximum is ${maxOpenPositions}`,
  }),
  maxExposure: (
    market: Market,
    exposureKrw: Krw,
    orderTotalKrw: Krw,
    maxExposureKrw: Krw,
  ): Denial => ({
    code: 'max-exposure-per-market',
    market,
    exposureKrw,
    orderTotalKrw,
    maxExposureKrw,
    message: `${market} exposure ${formatKrw(exposureKrw, 'en', 'exact')} + ${formatKrw(orderTotalKrw, 'en', 'exact')} would exceed the cap of ${formatKrw(maxExposureKrw, 'en', 'exact')}`,
  }),
};
