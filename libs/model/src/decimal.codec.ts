import * as t from 'io-ts';
import { Decimal, MAX_DECIMAL_TEXT, parseDecimal, ZERO } from './decimal.js';
import type { Krw, Price, Volume } from './money.js';

/** How many of its last encodings a decimal codec remembers (see {@link decimalCodec}). */
const REMEMBERED = 8;

/**
 * A decimal from a JSON string or number (lenient, as Upbit mixes both); encodes as a string.
 * The codec remembers the texts it wrote last and the decimals they came from: the bus decodes
 * every message it sends right after encoding it (to prove a receiver can), and a text this
 * codec just wrote decodes to the decimal it came from (decimals are immutable, and `toString`
 * is exact) without being parsed again. Only texts `parseDecimal` itself would take (a finite,
 * non-zero decimal made by this module's `Decimal` itself, not another decimal.js clone with
 * other settings, at most `MAX_DECIMAL_TEXT` characters) are remembered; the
 * refinement (`accept`) is checked either way.
 */
function decimalCodec<D extends Decimal>(
  name: string,
  accept: (d: Decimal) => boolean,
): t.Type<D, string, unknown> {
  const texts: string[] = Array.from({ length: REMEMBERED }, () => '');
  const decimals: Decimal[] = Array.from({ length: REMEMBERED }, () => ZERO);
  let next = 0;
  const remembered = (u: unknown): Decimal | undefined => {
    if (typeof u !== 'string') return undefined;
    const i = texts.indexOf(u);
    return i === -1 ? undefined : decimals[i];
  };
  return new t.Type<D, string, unknown>(
    name,
    (u): u is D => u instanceof Decimal && accept(u),
    (u, c) => {
      const d = remembered(u) ?? parseDecimal(u);
      return d !== undefined && d.isFinite() && accept(d) ? t.success(d as D) : t.failure(u, c);
    },
    (d) => {
      const text = d.toString();
      if (
        (d.constructor as unknown) === Decimal &&
        d.isFinite() &&
        !d.isZero() &&
        text.length <= MAX_DECIMAL_TEXT
      ) {
        texts[next] = text;
        decimals[next] = d;
        next = (next + 1) % REMEMBERED;
      }
      return text;
    },
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
