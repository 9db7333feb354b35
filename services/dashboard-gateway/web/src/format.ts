/**
 * The page's number formatting: the one KRW module (`@hoga/model/krw-format`) in the page's
 * language, the colour convention (red up by default, a switch for the Western one) and ages.
 */
import { createEffect, createRoot, createSignal } from 'solid-js';
import { Decimal } from '@hoga/model/decimal';
import {
  arrowOf,
  directionOf,
  formatDuration,
  formatKrw,
  formatKrwChange,
  formatPercent,
  formatAveragePrice,
  formatPrice,
  groupThousands,
  type Direction,
} from '@hoga/model/krw-format';
import { locale } from './i18n/i18n.js';

export type Convention = 'korean' | 'western';
const STORAGE_KEY = 'hoga.colours';
const [convention, setConventionSignal] = createSignal<Convention>(
  localStorage.getItem(STORAGE_KEY) === 'western' ? 'western' : 'korean',
);
export { convention };
/** Switches red-up (Korean) / green-up (Western) and keeps the choice. */
export function setConvention(next: Convention): void {
  localStorage.setItem(STORAGE_KEY, next);
  setConventionSignal(next);
}
createRoot(() =>
  createEffect(() =>
    document.documentElement.classList.toggle('western', convention() === 'western'),
  ),
);

/** A decimal from the wire (an exact string), or undefined for null/garbage. */
export function decimalOf(value: unknown): Decimal | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  try {
    const d = new Decimal(value);
    return d.isFinite() ? d : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The page writes won as Koreans read it: `1,234,568원` in Korean, `₩1,234,568` in English (the
 * symbol before the figure, after its sign: `-₩56`, `+₩1,234`), where the shared formatters
 * (the CLI, alerts) write `1,234,568 KRW`.
 */
export const wonSign = (text: string): string => {
  const m = /^([+-]?)(.*) KRW$/.exec(text);
  return m === null ? text : `${m[1] ?? ''}₩${m[2] ?? ''}`;
};
export const krwText = (d: Decimal | undefined): string =>
  d === undefined ? '—' : wonSign(formatKrw(d, locale()));
/**
 * A KRW amount exactly as stored (fees have decimals): `99.95원` / `₩199,900`; without its
 * unit (`99.95`) in a table whose header names it.
 */
export const exactKrwText = (d: Decimal | undefined, unit = true): string =>
  d === undefined
    ? '—'
    : !unit
      ? groupThousands(d.toFixed())
      : locale() === 'ko'
        ? `${groupThousands(d.toFixed())}원`
        : wonSign(`${groupThousands(d.toFixed())} KRW`);
export const priceText = (d: Decimal | undefined): string =>
  d === undefined ? '—' : wonSign(formatPrice(d, locale()));
/** An average price (a position's entry): exact to the band, not snapped to the tick grid. */
export const averagePriceText = (d: Decimal | undefined): string =>
  d === undefined ? '—' : wonSign(formatAveragePrice(d, locale()));

/** A change for people: its sign, its arrow (never colour alone) and the class that colours it. */
export interface ChangeView {
  readonly text: string;
  readonly direction: Direction;
  readonly className: string;
}
const classOf = (d: Direction): string => (d === 'flat' ? '' : d);
export function krwChange(d: Decimal | undefined): ChangeView {
  if (d === undefined) return { text: '—', direction: 'flat', className: '' };
  const direction = directionOf(d);
  const arrow = arrowOf(direction);
  return {
    text: `${arrow}${arrow ? ' ' : ''}${wonSign(formatKrwChange(d, locale()))}`,
    direction,
    className: classOf(direction),
  };
}
export function percentChange(d: Decimal | undefined): ChangeView {
  if (d === undefined) return { text: '—', direction: 'flat', className: '' };
  const direction = directionOf(d, 2);
  const arrow = arrowOf(direction);
  return {
    text: `${arrow}${arrow ? ' ' : ''}${formatPercent(d, true)}`,
    direction,
    className: classOf(direction),
  };
}

export const ageText = (ms: number): string => formatDuration(Math.max(0, ms), locale());

export type TimeZoneChoice = 'Asia/Seoul' | 'UTC';
const TZ_KEY = 'hoga.timeZone';
const [timeZone, setTimeZoneSignal] = createSignal<TimeZoneChoice>(
  localStorage.getItem(TZ_KEY) === 'UTC' ? 'UTC' : 'Asia/Seoul',
);
export { timeZone };
/** KST by default, UTC switchable; the choice is kept. */
export function setTimeZone(next: TimeZoneChoice): void {
  localStorage.setItem(TZ_KEY, next);
  setTimeZoneSignal(next);
}

const times = new Map<string, Intl.DateTimeFormat>();
/** A time in the chosen zone and the page's language: `12. 6. 오후 10:40:05 KST`. */
export function timeText(iso: unknown): string {
  if (typeof iso !== 'string') return '—';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '—';
  const lang = locale() === 'ko' ? 'ko-KR' : 'en-GB';
  const zone = timeZone();
  // one formatter per language and zone: building one costs ~0.1 ms, the table calls this per
  // visible row and scroll step (its entry time column)
  let format = times.get(`${lang} ${zone}`);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(lang, {
      timeZone: zone,
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    times.set(`${lang} ${zone}`, format);
  }
  const text = format.format(at);
  return `${text} ${timeZone() === 'UTC' ? 'UTC' : 'KST'}`;
}

const clocks = new Map<TimeZoneChoice, Intl.DateTimeFormat>();
/** A time of day to the millisecond in the chosen zone, `22:40:05.123` (log lines, timeline). */
export function clockText(iso: unknown): string {
  if (typeof iso !== 'string') return '—';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '—';
  const zone = timeZone();
  let clock = clocks.get(zone);
  if (clock === undefined) {
    clock = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      fractionalSecondDigits: 3,
    });
    clocks.set(zone, clock);
  }
  return clock.format(at);
}
