import * as t from 'io-ts';
import { Decimal, parseDecimal } from './decimal.js';
import type { Krw, Price, Volume } from './money.js';

/** A decimal from a JSON string or number (lenient, as Upbit mixes both); encodes as a string. */
function decimalCodec<D extends Decimal>(
  name: string,
  accept: (d: Decimal) => boolean,
): t.Type<D, string, unknown> {
  return new t.Type<D, string, unknown>(
    name,
    (u): u is D => u instanceof Decimal && accept(u),
    (u, c) => {
      const d = parseDecimal(u);
      return d !== undefined && d.isFinite() && accept(d) ? t.success(d as D) : t.failure(u, c);
    },
    (d) => d.toString(),
  );
}

/** Any finite decimal. */
export const DecimalC = decimalCodec<Decimal>('Decimal', () => true);
/** A strictly positive price. */
export const PriceC = decimalCodec<Price>('Price', (d) => d.gt(0));
/** A non-negative volume. */
export const VolumeC = decimalCodec<Volume>('Volume', (d) => d.gte(0));
/** A KRW amount (may be negative: PnL). */
export const KrwC = decimalCodec<Krw>('Krw', () => true);
/** A non-negative KRW amount (balances, totals, fees). */
export const NonNegativeKrwC = decimalCodec<Krw>('NonNegativeKrw', (d) => d.gte(0));
