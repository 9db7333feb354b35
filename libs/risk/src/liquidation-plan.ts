import {
  krw,
  MIN_ORDER_KRW,
  truncateVolume,
  type Krw,
  type Market,
  type PositionId,
  type Price,
  type Volume,
} from '@hoga/model';
import { DEFAULT_ORDERS_PER_SECOND, notBeforeMs, orderSpacingMs } from './liquidation-pacing.js';

/** A position holding coins, as the risk guard sees it when it halts. */
export interface Holding {
  readonly positionId: PositionId;
  readonly market: Market;
  readonly volume: Volume;
  readonly lastPrice: Price;
}

/** A holding valued at its last price: volume (truncated to 8 decimals) x lastPrice. */
export interface ValuedHolding extends Holding {
  readonly exposureKrw: Krw;
}

/** One market sell of the plan, not to be sent before `notBeforeMs` after the plan starts. */
export interface LiquidationStep extends ValuedHolding {
  readonly notBeforeMs: number;
}

/** The ordered, paced sells, and the holdings too small to sell (under the minimum total). */
export interface LiquidationPlan {
  readonly steps: readonly LiquidationStep[];
  readonly dust: readonly ValuedHolding[];
}

/** Plan settings; every field has a default. */
export interface LiquidationOptions {
  /** Defaults to {@link DEFAULT_ORDERS_PER_SECOND} (12). */
  readonly ordersPerSecond?: number;
  /** Below this value a holding is dust; defaults to {@link MIN_ORDER_KRW} (5,000). */
  readonly minTotalKrw?: Krw;
}

const byExposureThenId = (a: ValuedHolding, b: ValuedHolding): number => {
  const byExposure = b.exposureKrw.comparedTo(a.exposureKrw);
  if (byExposure !== 0) return byExposure;
  if (a.positionId < b.positionId) return -1;
  // 1 for a consistent comparator; V8's sort only asks `< 0`, so no input tells 1 from 0 here.
  // Stryker disable next-line all: equivalent on V8 (docs/mutation-testing.md)
  return a.positionId > b.positionId ? 1 : 0;
};

/**
 * Plans the liquidation of every holding (ARCHITECTURE §9): largest exposure first, ties by
 * position id, paced by {@link notBeforeMs} so no 1-second window sees more than
 * `ordersPerSecond` orders. Holdings worth less than the minimum total are dust, not sold;
 * holdings with no coins are left out. Throws a RangeError for a rate that is not a positive
 * integer.
 */
export function planLiquidation(
  holdings: readonly Holding[],
  options: LiquidationOptions = {},
): LiquidationPlan {
  const rate = options.ordersPerSecond ?? DEFAULT_ORDERS_PER_SECOND;
  orderSpacingMs(rate); // a bad rate is a configuration bug: fail even with nothing to sell
  const minTotal = options.minTotalKrw ?? MIN_ORDER_KRW;
  const valued = holdings
    .map((h): ValuedHolding => {
      const volume = truncateVolume(h.volume);
      return { ...h, volume, exposureKrw: krw(volume.mul(h.lastPrice)) };
    })
    .filter((h) => h.volume.gt(0))
    .sort(byExposureThenId);
  const sellable = valued.filter((h) => h.exposureKrw.gte(minTotal));
  return {
    steps: sellable.map((h, i) => ({ ...h, notBeforeMs: notBeforeMs(i, rate) })),
    dust: valued.filter((h) => h.exposureKrw.lt(minTotal)),
  };
}
