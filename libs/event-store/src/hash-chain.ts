import { createHash } from 'node:crypto';

/**
 * The hash chain of a stream (ADR 0051). Each event's hash is
 *
 *     hash(v) = SHA-256(hash(v - 1) ‖ content(v)),  hash(0) = the empty byte string
 *     content(v) = SHA-256(UTF-8 of canonical JSON [streamId, type, data, metadata])
 *
 * where canonical JSON is RFC 8785 (JCS): object keys sorted by UTF-16 code units, no
 * whitespace, numbers and strings as ECMAScript's `JSON.stringify` writes them. The version is
 * the link's position in the chain; the global position, transaction id and recording time are
 * assigned by the database and not covered. Hashes travel as lowercase hex.
 */

/** RFC 8785 canonical JSON of a value, with `JSON.stringify`'s rules for what is left out. */
export function canonicalJson(value: unknown): string {
  return canonical(value) ?? 'null';
}

function canonical(input: unknown): string | undefined {
  let value = input;
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  )
    value = (value as { toJSON: () => unknown }).toJSON();
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v) ?? 'null').join(',')}]`;
  const parts: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const v = canonical((value as Record<string, unknown>)[key]);
    if (v !== undefined) parts.push(`${JSON.stringify(key)}:${v}`);
  }
  return `{${parts.join(',')}}`;
}

/** What of an event the chain covers. */
export interface ChainedContent {
  readonly streamId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

/** content(v): the SHA-256 of the event's canonical content, hex. */
export const contentHash = (event: ChainedContent): string =>
  createHash('sha256')
    .update(canonicalJson([event.streamId, event.type, event.data, event.metadata]))
    .digest('hex');

/** hash(v) from hash(v - 1) (null before the first event) and content(v), hex. */
export const chainLink = (previous: string | null, content: string): string =>
  createHash('sha256')
    .update(Buffer.from(previous ?? '', 'hex'))
    .update(Buffer.from(content, 'hex'))
    .digest('hex');

/** A stored event as the chain sees it; `hash` null or absent when none was stored. */
export interface ChainedEvent extends ChainedContent {
  readonly streamVersion: number;
  readonly hash?: string | null;
}

/** Where and why a stream's chain does not verify. */
export type ChainBreak =
  | {
      /** An event has no hash: written around the store (by hand) or never migrated. */
      readonly kind: 'unhashed';
      readonly version: number;
    }
  | {
      /** Versions do not run 1, 2, 3...: an event was removed (or inserted) by hand. */
      readonly kind: 'version-gap';
      readonly version: number;
      readonly expectedVersion: number;
    }
  | {
      /**
       * The stored hash is not the one computed from the previous hash and the event's content:
       * this event was edited, or the previous event's hash was rewritten without this one.
       */
      readonly kind: 'hash-mismatch';
      readonly version: number;
      readonly stored: string;
      readonly computed: string;
    }
  | {
      /** The stream's head (streams row) does not end where the events end: a cut tail. */
      readonly kind: 'head-mismatch';
      readonly version: number;
      readonly headVersion: number;
      readonly headHash: string | null;
      readonly lastHash: string | null;
    };

/** The result of walking a stream's chain: its last hash, or the first break. */
export type ChainVerdict =
  | { readonly ok: true; readonly version: number; readonly head: string | null }
  | { readonly ok: false; readonly break: ChainBreak };

/** A stream's head as its `streams` row records it. */
export interface ChainHead {
  readonly version: number;
  readonly hash: string | null;
}

/**
 * Walks a stream's stored events (all of them, in version order) and reports the first break,
 * or the chain's head when every link holds. With `head`, the stream row must end there too.
 * Pure: no I/O.
 */
export function verifyChain(events: readonly ChainedEvent[], head?: ChainHead): ChainVerdict {
  let previous: string | null = null;
  let version = 0;
  for (const event of events) {
    if (event.streamVersion !== version + 1)
      return {
        ok: false,
        break: {
          kind: 'version-gap',
          version: event.streamVersion,
          expectedVersion: version + 1,
        },
      };
    version = event.streamVersion;
    const stored = event.hash ?? null;
    if (stored === null) return { ok: false, break: { kind: 'unhashed', version } };
    const computed = chainLink(previous, contentHash(event));
    if (stored !== computed)
      return { ok: false, break: { kind: 'hash-mismatch', version, stored, computed } };
    previous = stored;
  }
  if (head !== undefined && (head.version !== version || head.hash !== previous))
    return {
      ok: false,
      break: {
        kind: 'head-mismatch',
        version,
        headVersion: head.version,
        headHash: head.hash,
        lastHash: previous,
      },
    };
  return { ok: true, version, head: previous };
}
