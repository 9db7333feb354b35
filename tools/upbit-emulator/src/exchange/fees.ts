import type { Decimal } from '@hoga/model';

/** Fee rates of a market (Upbit KRW: 0.05% for makers and takers, both sides). */
export interface FeeRates {
  /** Taker rate; also the rate bids reserve up front. */
  readonly taker: Decimal;
  /** Maker rate (must not exceed the taker rate: the reservation has to cover it). */
  readonly maker: Decimal;
}

/** The fee of a fill of `funds` KRW. Exact: Upbit reports fees with all their decimals. */
export const feeOf = (funds: Decimal, rates: FeeRates, isMaker: boolean): Decimal =>
  funds.mul(isMaker ? rates.maker : rates.taker);

/** The KRW a bid reserves for fees on top of `base` KRW of trades. */
export const reservedFeeOf = (base: Decimal, rates: FeeRates): Decimal => base.mul(rates.taker);
