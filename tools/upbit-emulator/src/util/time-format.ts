const KST_OFFSET_MS = 9 * 60 * 60 * 1000;
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

interface Parts {
  y: string;
  mo: string;
  d: string;
  h: string;
  mi: string;
  s: string;
  ms: string;
}

function parts(ms: number, offsetMs: number): Parts {
  const t = new Date(ms + offsetMs);
  return {
    y: pad(t.getUTCFullYear(), 4),
    mo: pad(t.getUTCMonth() + 1),
    d: pad(t.getUTCDate()),
    h: pad(t.getUTCHours()),
    mi: pad(t.getUTCMinutes()),
    s: pad(t.getUTCSeconds()),
    ms: pad(t.getUTCMilliseconds(), 3),
  };
}

/** `2026-01-05T09:00:00+09:00`: an order's `created_at` (whole seconds, KST). */
export function kstIsoSeconds(ms: number): string {
  const p = parts(ms, KST_OFFSET_MS);
  return `${p.y}-${p.mo}-${p.d}T${p.h}:${p.mi}:${p.s}+09:00`;
}

/** `2026-01-05T09:00:00.123+09:00`: a trade's `created_at` (milliseconds, KST). */
export function kstIsoMillis(ms: number): string {
  const p = parts(ms, KST_OFFSET_MS);
  return `${p.y}-${p.mo}-${p.d}T${p.h}:${p.mi}:${p.s}.${p.ms}+09:00`;
}

/** `2026-01-05T00:00:00` (no zone): a candle's `candle_date_time_utc` / `_kst`. */
export function localIso(ms: number, zone: 'utc' | 'kst'): string {
  const p = parts(ms, zone === 'kst' ? KST_OFFSET_MS : 0);
  return `${p.y}-${p.mo}-${p.d}T${p.h}:${p.mi}:${p.s}`;
}

/** `20260105` and `000000`: the ticker's `trade_date` / `trade_time` pairs. */
export function compactDateTime(ms: number, zone: 'utc' | 'kst'): { date: string; time: string } {
  const p = parts(ms, zone === 'kst' ? KST_OFFSET_MS : 0);
  return { date: `${p.y}${p.mo}${p.d}`, time: `${p.h}${p.mi}${p.s}` };
}

/** `2026-01-05` and `00:00:00`: `/v1/trades/ticks` `trade_date_utc` / `trade_time_utc`. */
export function utcDateAndTime(ms: number): { date: string; time: string } {
  const p = parts(ms, 0);
  return { date: `${p.y}-${p.mo}-${p.d}`, time: `${p.h}:${p.mi}:${p.s}` };
}

/** `2026-01-05`: a calendar date (for 52-week dates and `first_day_of_period`). */
export function utcDate(ms: number): string {
  return utcDateAndTime(ms).date;
}

const ISO_WITH_ZONE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Parses an Upbit time parameter: ISO 8601 with `Z` or an offset, or `yyyy-MM-dd HH:mm:ss`
 * (read as UTC), or epoch milliseconds. Undefined when unreadable.
 */
export function parseTimeParam(text: string): number | undefined {
  if (/^\d{10,13}$/.test(text)) return Number(text.length === 10 ? `${text}000` : text);
  const m = ISO_WITH_ZONE.exec(text);
  if (!m) return undefined;
  const zone = m[8] ?? 'Z';
  const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ''}${zone}`);
  return Number.isFinite(ms) ? ms : undefined;
}
