import { randomFillSync } from 'node:crypto';

/** The W3C trace context header names (lower case, as the spec writes them). */
export const TRACEPARENT = 'traceparent';
export const TRACESTATE = 'tracestate';

/** The fields of a `traceparent` header. */
export interface TraceParent {
  readonly version: string;
  /** 32 lower-case hex digits, not all zero. */
  readonly traceId: string;
  /** 16 lower-case hex digits, not all zero: the id of the calling span. */
  readonly parentId: string;
  /** Bit 0 is `sampled`. */
  readonly flags: number;
}

// A later version may append fields after the four known ones ("-..."), never change them.
const FORMAT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const allZero = (hex: string): boolean => /^0+$/.test(hex);

/**
 * Parses a `traceparent` header (W3C Trace Context level 1): `00-<trace id>-<parent id>-<flags>`.
 * Returns undefined when the header is invalid: upper-case hex, all-zero ids, version `ff`,
 * or extra fields on version 00.
 */
export function parseTraceparent(header: string): TraceParent | undefined {
  const match = FORMAT.exec(header.trim());
  if (!match) return undefined;
  const [, version = '', traceId = '', parentId = '', flags = '', rest] = match;
  if (
    version === 'ff' ||
    (version === '00' && rest !== undefined) ||
    allZero(traceId) ||
    allZero(parentId)
  )
    return undefined;
  return { version, traceId, parentId, flags: Number.parseInt(flags, 16) };
}

/** True for a valid `traceparent` header. */
export const isValidTraceparent = (header: string): boolean =>
  parseTraceparent(header) !== undefined;

/** Random bytes drawn 12 KiB at a time (one system call per 512 traceparents, not two per id). */
const POOL_BYTES = 24 * 512;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

/** `bytes` random bytes as lower-case hex, not all zero (the spec's invalid id). */
function randomHex(bytes: number): string {
  for (;;) {
    if (offset + bytes > POOL_BYTES) {
      randomFillSync(pool);
      offset = 0;
    }
    const hex = pool.toString('hex', offset, (offset += bytes));
    if (!allZero(hex)) return hex;
  }
}

/**
 * Formats a version-00 `traceparent`. Without arguments it starts a new sampled trace; with a
 * parent it continues the parent's trace under a new span id. The one generator of the project
 * (market-feed starts a trace per published tick and candle with it): ids come from a pooled
 * cryptographic random source (1.4 µs per header against 69 µs for two `randomBytes` calls at load
 * 22; ADR 0013 addendum 2).
 */
export function createTraceparent(
  options: { readonly parent?: TraceParent; readonly sampled?: boolean } = {},
): string {
  const traceId = options.parent?.traceId ?? randomHex(16);
  const sampled = options.sampled ?? (options.parent ? (options.parent.flags & 1) === 1 : true);
  return `00-${traceId}-${randomHex(8)}-${sampled ? '01' : '00'}`;
}
