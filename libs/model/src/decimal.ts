import { Decimal as DecimalJs } from 'decimal.js';

/**
 * The one decimal implementation used for money in hoga: decimal.js with 50 significant
 * digits and half-up rounding, far beyond KRW totals (≤ 1e9) with 8-decimal volumes.
 * Plain-notation `toString()` (no exponents) so values serialize as Upbit writes them.
 */
export const Decimal = DecimalJs.clone({
  precision: 50,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Decimal = InstanceType<typeof Decimal>;
export type DecimalInput = Decimal | string | number;

const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** The longest decimal text `parseDecimal` takes. */
export const MAX_DECIMAL_TEXT = 64;

/** Parses a decimal from a string or a finite number; undefined for anything else. */
export function parseDecimal(input: unknown): Decimal | undefined {
  if (input instanceof Decimal) return input;
  if (typeof input === 'number') return Number.isFinite(input) ? new Decimal(input) : undefined;
  if (typeof input !== 'string') return undefined;
  const text = input.trim();
  if (text.length === 0 || text.length > MAX_DECIMAL_TEXT || !DECIMAL_TEXT.test(text))
    return undefined;
  return new Decimal(text);
}

export const dec = (value: DecimalInput): Decimal => new Decimal(value);

/**
 * `x.cmp(y)` without allocating: decimal.js's comparisons copy their argument into a new
 * Decimal first (~50 ns and garbage per call), and the tick path compares a price with each
 * position's levels on every trade. Reads the documented instance properties (`d` digits in
 * base 1e7, most significant first, no trailing zero words; `e` the decimal exponent; `s` the
 * sign) exactly as decimal.js's own `comparedTo` does after that copy; zero, ±Infinity and NaN
 * go to `cmp` itself. −1, 0 or 1 (NaN when either is NaN, as `cmp`).
 */
export function compareDecimals(x: Decimal, y: Decimal): number {
  const xd = x.d;
  const yd = y.d;
  if (!xd || !yd || !xd[0] || !yd[0] || x.s !== y.s) return x.cmp(y);
  const up = x.s > 0;
  if (x.e !== y.e) return x.e > y.e === up ? 1 : -1;
  const n = Math.min(xd.length, yd.length);
  for (let i = 0; i < n; i++)
    if (xd[i] !== yd[i]) return (xd[i] as number) > (yd[i] as number) === up ? 1 : -1;
  if (xd.length === yd.length) return 0;
  return xd.length > yd.length === up ? 1 : -1;
}
export const ZERO = new Decimal(0);
