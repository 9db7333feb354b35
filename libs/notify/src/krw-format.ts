import { Decimal, krwTickSize } from '@hoga/model';

/** The language of alert texts. */
export type NotifyLanguage = 'ko' | 'en';

/** Inserts thousands separators into a plain decimal string (`-1234567.5` -> `-1,234,567.5`). */
export function groupThousands(plain: string): string {
  const [whole = '', fraction] = plain.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

const unit = (text: string, lang: NotifyLanguage): string =>
  lang === 'ko' ? `${text}원` : `${text} KRW`;

/** A KRW amount (total, PnL, equity) in whole won with separators: `1,234,568 KRW` / `1,234,568원`. */
export function formatKrw(amount: Decimal, lang: NotifyLanguage): string {
  return unit(groupThousands(amount.toFixed(0, Decimal.ROUND_HALF_UP)), lang);
}

/**
 * A price on its market's tick grid, with as many decimals as the tick has:
 * `95,432,000 KRW` for BTC (tick 1,000), `512.3 KRW` for a 0.1-tick market. `tickSize` overrides
 * the band table (use the market's value from the exchange when known).
 */
export function formatPrice(price: Decimal, lang: NotifyLanguage, tickSize?: Decimal): string {
  const tick = tickSize ?? krwTickSize(price.abs());
  const onGrid = price.div(tick).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).mul(tick);
  return unit(groupThousands(onGrid.toFixed(Math.max(0, tick.decimalPlaces()))), lang);
}

/** A percentage with two decimals and an explicit sign for changes: `-10.00%`. */
export function formatPercent(rate: Decimal, signed = false): string {
  const text = rate.toFixed(2, Decimal.ROUND_HALF_UP);
  return `${signed && rate.gt(0) ? '+' : ''}${text}%`;
}

/** A duration in seconds or minutes: `95 s` / `95초`, `12 min` / `12분`. */
export function formatDuration(ms: number, lang: NotifyLanguage): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return lang === 'ko' ? `${seconds}초` : `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return lang === 'ko' ? `${minutes}분` : `${minutes} min`;
}
