/** Upbit's `Remaining-Req` header: what is left of a rate-limit group in the current second. */
export interface RemainingReq {
  /** The group (`default`, `order`, `order-test`, `candle`...); names may contain `-`. */
  readonly group: string;
  /** Requests left in the current second. */
  readonly sec: number;
  /** Obsolete per-minute figure, when present. */
  readonly min: number | undefined;
}

const FIELD = /^\s*([a-z]+)\s*=\s*([^;\s]+)\s*$/i;

/** Parses `group=default; min=1800; sec=29`; undefined when the header is absent or malformed. */
export function parseRemainingReq(header: string | null | undefined): RemainingReq | undefined {
  if (header === null || header === undefined) return undefined;
  const fields = new Map<string, string>();
  for (const part of header.split(';')) {
    const m = FIELD.exec(part);
    if (m !== null) fields.set(m[1]!.toLowerCase(), m[2]!);
  }
  const group = fields.get('group');
  const sec = toCount(fields.get('sec'));
  if (group === undefined || !/^[A-Za-z0-9_-]+$/.test(group) || sec === undefined) return undefined;
  return { group, sec, min: toCount(fields.get('min')) };
}

function toCount(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,9}$/.test(text)) return undefined;
  return Number(text);
}

/**
 * Reads a `Retry-After`-style hint (delta seconds or an HTTP date) as an absolute time in ms;
 * undefined when absent or unreadable.
 */
export function parseRetryAfter(
  header: string | null | undefined,
  now: number,
): number | undefined {
  if (header === null || header === undefined) return undefined;
  const text = header.trim();
  if (/^\d{1,7}(\.\d+)?$/.test(text)) return now + Math.ceil(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(now, at);
}

const BODY_HINT = /(\d{1,6}(?:\.\d+)?)\s*(?:s|secs?|seconds?)\b/i;

/**
 * Reads a block length from a 418 body such as `Blocked for 30 seconds.` (absolute ms);
 * undefined when the text names no duration.
 */
export function parseBlockHint(body: string, now: number): number | undefined {
  const m = BODY_HINT.exec(body);
  return m === null ? undefined : now + Math.ceil(Number(m[1]) * 1000);
}
