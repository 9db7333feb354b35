import { compareDecimals, Decimal, ZERO } from './decimal.js';
import type { Price } from './money.js';

/** Upbit KRW tick bands since 2025-07-31: [lower bound inclusive, tick]. Highest first. */
export const KRW_TICK_BANDS: ReadonlyArray<readonly [Decimal, Decimal]> = [
  ['1000000', '1000'],
  ['500000', '500'],
  ['100000', '100'],
  ['50000', '50'],
  ['10000', '10'],
  ['5000', '5'],
  ['100', '1'],
  ['10', '0.1'],
  ['1', '0.01'],
  ['0.1', '0.001'],
  ['0.01', '0.0001'],
  ['0.001', '0.00001'],
  ['0.0001', '0.000001'],
  ['0.00001', '0.0000001'],
  ['0', '0.00000001'],
].map(([lo, tick]) => [new Decimal(lo!), new Decimal(tick!)] as const);

/** The tick size of the band a price falls in. */
export function krwTickSize(p: Decimal): Decimal {
  // compareDecimals, not `gte`: every tick is judged here, and `gte` copies its argument.
  for (const [lower, tick] of KRW_TICK_BANDS) if (compareDecimals(p, lower) >= 0) return tick;
  return KRW_TICK_BANDS[KRW_TICK_BANDS.length - 1]![1];
}

export type TickRounding = 'down' | 'up' | 'nearest';

/**
 * Rounds a price onto the grid. `tickSize` overrides the band table (prefer the value
 * from /v1/orderbook/instruments when known). Bids usually round down, asks up.
 */
export function roundToTick(p: Decimal, mode: TickRounding = 'nearest', tickSize?: Decimal): Price {
  const tick = tickSize ?? krwTickSize(p);
  const units = p.div(tick);
  const rounded =
    mode === 'down'
      ? units.floor()
      : mode === 'up'
        ? units.ceil()
        : units.toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  return rounded.mul(tick) as Price;
}

/** True when a positive price lies on the tick grid of its band (or of `tickSize`). */
export function isOnTickGrid(p: Decimal, tickSize?: Decimal): boolean {
  if (!p.isFinite() || compareDecimals(p, ZERO) <= 0) return false;
  return isMultipleOf(p, tickSize ?? krwTickSize(p));
}

const ONE = new Decimal(1);
/** The largest integer below 2^53 has 16 digits: integers of at most 15 are exact as numbers. */
const EXACT_INTEGER_EXPONENT = 14;

/**
 * `p.mod(tick).isZero()` for a positive tick, without the division where the answer is plain
 * (every tick of every trade comes here): a price with more decimal places than the tick is off
 * its grid; a tick of 1, 0.1, 0.01 ... takes every price with no more places than it has; an
 * integer price under 10^15 and a whole tick (5, 10 ... 1000) are exact as numbers. Anything else
 * is divided as before. Reads decimal.js's documented digits (`d`) as `compareDecimals` does.
 */
export function isMultipleOf(p: Decimal, tick: Decimal): boolean {
  const places = tick.decimalPlaces();
  if (p.decimalPlaces() > places) return false;
  if (isPowerOfTen(tick) && compareDecimals(tick, ONE) <= 0) return true;
  if (places === 0 && p.e <= EXACT_INTEGER_EXPONENT && tick.e <= EXACT_INTEGER_EXPONENT)
    return integerValue(p) % integerValue(tick) === 0;
  return p.mod(tick).isZero();
}

/**
 * A whole decimal under 10^15 as a number, exactly: its base-1e7 words (`d`, most significant
 * first, trailing zero words dropped; the word of the units is number ⌊e / 7⌋) summed at their
 * places — at most three words, each term and the sum integers under 2^53. `toNumber` would go
 * through a string.
 */
function integerValue(x: Decimal): number {
  const d = x.d;
  const units = Math.floor(x.e / 7);
  let value = 0;
  for (let i = 0; i < d.length; i++) value += d[i]! * WORD ** (units - i);
  return x.s * value;
}
const WORD = 10_000_000;

/** 1, 10, 0.1 ...: a single non-zero digit, a 1 (`d` holds base-1e7 words, trailing zero words dropped). */
function isPowerOfTen(x: Decimal): boolean {
  const d = x.d;
  if (d === null || d === undefined || d.length !== 1 || x.s !== 1) return false;
  let w = d[0]!;
  while (w >= 10 && w % 10 === 0) w /= 10;
  return w === 1;
}
