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

/** Parses a decimal from a string or a finite number; undefined for anything else. */
export function parseDecimal(input: unknown): Decimal | undefined {
  if (input instanceof Decimal) return input;
  if (typeof input === 'number') return Number.isFinite(input) ? new Decimal(input) : undefined;
  if (typeof input !== 'string') return undefined;
  const text = input.trim();
  if (text.length === 0 || text.length > 64 || !DECIMAL_TEXT.test(text)) return undefined;
  return new Decimal(text);
}

export const dec = (value: DecimalInput): Decimal => new Decimal(value);
export const ZERO = new Decimal(0);
