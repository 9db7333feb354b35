import { capList, capText, cutMarker } from '@hoga/model';
import type { LogFields } from './logger.js';

/** The most characters of one string in a log record (a message, a field, an error message). */
export const MAX_LOG_STRING = 2_000;
/** Items of an array and keys of an object kept per level; the rest are counted. */
export const MAX_LOG_ITEMS = 50;
/** Levels of nesting rendered; deeper values become a short description. */
export const MAX_LOG_DEPTH = 5;
/** The most characters of one record's fields as JSON; beyond, the fields are cut as a whole. */
export const MAX_LOG_FIELDS_CHARS = 16_000;

/**
 * Bounds one log record's fields, whatever they hold: strings cut by `capText` (with a marker
 * saying how much was cut), arrays and objects to {@link MAX_LOG_ITEMS} entries (with a count of
 * the rest), nesting to {@link MAX_LOG_DEPTH}, byte arrays to their length, errors to
 * `{ name, message }`; and if the JSON of the whole is still over {@link MAX_LOG_FIELDS_CHARS},
 * the fields that do not fit are left out (counted under `…`). A log line stays small even when
 * a caller passes a whole dead message.
 */
export function boundFields(fields: LogFields): LogFields {
  const bounded = bound(fields, 0) as Record<string, unknown>;
  if (jsonLength(bounded) <= MAX_LOG_FIELDS_CHARS) return bounded;
  const out: Record<string, unknown> = {};
  const entries = Object.entries(bounded);
  let used = 2;
  let kept = 0;
  for (const [k, v] of entries) {
    const size = jsonLength(k) + jsonLength(v) + 2;
    if (used + size > MAX_LOG_FIELDS_CHARS - 100) break;
    out[k] = v;
    used += size;
    kept += 1;
  }
  out['…'] = cutMarker(entries.length - kept, entries.length, 'fields');
  return out;
}

function jsonLength(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return Infinity;
  }
}

function bound(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return capText(value, MAX_LOG_STRING);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error)
    return { name: value.name, message: capText(value.message, MAX_LOG_STRING) };
  if (value instanceof Uint8Array) return `bytes(${value.length})`;
  if (value instanceof Date) return value;
  if (depth >= MAX_LOG_DEPTH) return Array.isArray(value) ? 'array' : 'object';
  if (Array.isArray(value)) {
    const { kept, omitted } = capList(value, MAX_LOG_ITEMS);
    const out = kept.map((v) => bound(v, depth + 1));
    if (omitted > 0) out.push(cutMarker(omitted, value.length, 'items'));
    return out;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    try {
      return bound((value as { toJSON: () => unknown }).toJSON(), depth);
    } catch {
      return 'unserializable';
    }
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const { kept, omitted } = capList(entries, MAX_LOG_ITEMS);
  const out: Record<string, unknown> = {};
  for (const [k, v] of kept) out[capText(k, 200)] = bound(v, depth + 1);
  if (omitted > 0) out['…'] = cutMarker(omitted, entries.length, 'keys');
  return out;
}
