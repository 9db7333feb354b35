/**
 * KRW formatting for every text a person reads: alerts (libs/notify), the CLI and the web
 * dashboard. Browser-safe: it imports only decimal.js and the tick grid, so the page can take it
 * alone (`@hoga/model/krw-format`) without the rest of the model's codecs.
 */
import { Decimal } from './decimal.js';
import { krwTickSize } from './tick-grid.js';

/** The languages of texts for people. */
export type TextLanguage = 'ko' | 'en';

/** Which way a change went: up (`▲`, red in Korea), down (`▼`, blue in Korea) or flat. */
export type Direction = 'up' | 'down' | 'flat';

/** Inserts thousands separators into a plain decimal string (`-1234567.5` -> `-1,234,567.5`). */
export function groupThousands(plain: string): string {
  const [whole = '', fraction] = plain.split('.');
  const sign = whole.startsWith('-') || whole.startsWith('+') ? whole[0]! : '';
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

const unit = (text: string, lang: TextLanguage): string =>
  lang === 'ko' ? `${text}원` : `${text} KRW`;

/** `-0` printed by decimal.js for a tiny negative rounded to zero becomes `0`. */
const noNegativeZero = (text: string): string => (/^-0(\.0*)?$/.test(text) ? text.slice(1) : text);

/**
 * An amount exactly as it is, with separators and never in exponent notation:
 * `1234567.5` -> `1,234,567.5`, `0.00000001` -> `0.00000001`. For a figure whose last digit
 * matters (a denial's `4,999.99 KRW` under a minimum of `5,000 KRW`, a coin volume).
 */
export const formatAmount = (amount: Decimal): string =>
  groupThousands(noNegativeZero(amount.toFixed()));

/** How a KRW amount is rounded: to whole won (what people read), or exact. */
export type KrwPrecision = 'won' | 'exact';

/**
 * A KRW amount (total, PnL, equity) with separators: in whole won by default,
 * `1,234,568 KRW` / `1,234,568원`; `'exact'` keeps every decimal (`4,999.99 KRW`).
 */
export function formatKrw(
  amount: Decimal,
  lang: TextLanguage,
  precision: KrwPrecision = 'won',
): string {
  return unit(
    precision === 'exact'
      ? formatAmount(amount)
      : groupThousands(noNegativeZero(amount.toFixed(0, Decimal.ROUND_HALF_UP))),
    lang,
  );
}

/**
 * A price on its market's tick grid, with as many decimals as the tick has:
 * `95,432,000 KRW` for BTC (tick 1,000), `512.3 KRW` for a 0.1-tick market, `0.00123원` for a
 * coin under 1 KRW. `tickSize` overrides the band table (use the market's value when known).
 */
export function formatPrice(price: Decimal, lang: TextLanguage, tickSize?: Decimal): string {
  const tick = tickSize ?? krwTickSize(price.abs());
  const onGrid = price.div(tick).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).mul(tick);
  return unit(groupThousands(onGrid.toFixed(Math.max(0, tick.decimalPlaces()))), lang);
}

/**
 * An average price (a position's entry over several fills): it is not on the tick grid, so it is
 * not snapped to it — rounded to the band's decimals only (whole won where the tick is a won or
 * more): `140,360,123원` for an entry at 140,360,123.4, where `formatPrice` would print the
 * nearest tick, 140,360,000원, and lie by 123 won.
 */
export function formatAveragePrice(price: Decimal, lang: TextLanguage): string {
  const decimals = Math.max(0, krwTickSize(price.abs()).decimalPlaces());
  return unit(groupThousands(noNegativeZero(price.toFixed(decimals, Decimal.ROUND_HALF_UP))), lang);
}

/** A percentage with two decimals and an explicit sign for changes: `-10.00%`, `+1.23%`. */
export function formatPercent(rate: Decimal, signed = false): string {
  const text = noNegativeZero(rate.toFixed(2, Decimal.ROUND_HALF_UP));
  return `${signed && Number(text) > 0 ? '+' : ''}${text}%`;
}

/** The direction of a change as it is printed (a change that rounds to 0 is flat). */
export function directionOf(change: Decimal, decimals = 0): Direction {
  const shown = change.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
  return shown.isZero() ? 'flat' : shown.isPositive() ? 'up' : 'down';
}

/** The arrow of a direction: `▲`, `▼`, or nothing for flat. */
export const arrowOf = (direction: Direction): string =>
  direction === 'up' ? '▲' : direction === 'down' ? '▼' : '';

/** A KRW change always with its sign: `+1,234원`, `-56원`, `0원`. */
export function formatKrwChange(change: Decimal, lang: TextLanguage): string {
  const text = formatKrw(change, lang);
  return directionOf(change) === 'up' ? `+${text}` : text;
}

/**
 * A KRW amount in the Korean compact form (만 = 10^4, 억 = 10^8) with one decimal:
 * `1.2억원`, `3,456.8만원`; under 10,000 won it is the plain amount. English: `120.0M KRW`.
 */
export function formatKrwCompact(amount: Decimal, lang: TextLanguage): string {
  const abs = amount.abs();
  const steps: readonly (readonly [Decimal, string, string])[] = [
    [new Decimal('1e8'), '억', ''],
    [new Decimal('1e4'), '만', ''],
  ];
  if (lang === 'en') {
    for (const [size, suffix] of [
      [new Decimal('1e9'), 'B'],
      [new Decimal('1e6'), 'M'],
      [new Decimal('1e3'), 'K'],
    ] as const)
      if (abs.gte(size)) return `${groupThousands(amount.div(size).toFixed(1))}${suffix} KRW`;
    return formatKrw(amount, lang);
  }
  for (const [size, suffix] of steps)
    if (abs.gte(size)) return `${groupThousands(amount.div(size).toFixed(1))}${suffix}원`;
  return formatKrw(amount, lang);
}

/** A duration in seconds or minutes: `95 s` / `95초`, `12 min` / `12분`. */
export function formatDuration(ms: number, lang: TextLanguage): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return lang === 'ko' ? `${seconds}초` : `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return lang === 'ko' ? `${minutes}분` : `${minutes} min`;
}
