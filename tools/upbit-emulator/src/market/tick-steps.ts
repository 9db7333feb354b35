import { type Decimal, dec, krwTickSize } from '@hoga/model';

/** The finest tick of the KRW grid (prices below 0.00001). */
export const SMALLEST_TICK = dec('0.00000001');

/** The next price up on the KRW grid from an on-grid price. */
export function tickUp(price: Decimal): Decimal {
  return price.plus(krwTickSize(price));
}

/**
 * The next price down on the KRW grid from an on-grid price. At a band boundary the step is
 * the finer tick of the band below (1,000,000 -> 999,500), never a price off the grid.
 */
export function tickDown(price: Decimal): Decimal {
  const tick = krwTickSize(price);
  const candidate = price.minus(tick);
  if (candidate.lte(0)) return price.minus(SMALLEST_TICK);
  const lowerTick = krwTickSize(candidate);
  return lowerTick.lt(tick) ? price.minus(lowerTick) : candidate;
}

/** Moves `steps` ticks up (positive) or down (negative) from an on-grid price. */
export function moveTicks(price: Decimal, steps: number): Decimal {
  let p = price;
  for (let i = 0; i < Math.abs(steps); i++) p = steps > 0 ? tickUp(p) : tickDown(p);
  return p;
}
