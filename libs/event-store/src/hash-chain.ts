import { hash } from 'node:crypto';

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

/**
 * One value's canonical JSON, or undefined where `JSON.stringify` leaves it out. Written for
 * speed (every append and every audited event goes through it, ADR 0051's addendum and ADR
 * 0048's addendum "speed, round 3"): strings that need no escape quoted by hand, the rest through
 * the engine's own `JSON.stringify`; objects' keys sorted in place and their quoted form kept;
 * string concatenation, no intermediate arrays.
 */
function canonical(input: unknown): string | undefined {
  switch (typeof input) {
    case 'string':
      return quoted(input);
    case 'number':
    case 'bigint':
      return JSON.stringify(input);
    case 'boolean':
      return input ? 'true' : 'false';
    case 'object':
      break;
    default:
      return undefined;
  }
  if (input === null) return 'null';
  if (typeof (input as { toJSON?: unknown }).toJSON !== 'function') return structure(input);
  const value: unknown = (input as { toJSON: () => unknown }).toJSON();
  // As `JSON.stringify`: the `toJSON` result is not asked for its own `toJSON`.
  return value !== null && typeof value === 'object' ? structure(value) : canonical(value);
}

/** What `JSON.stringify` escapes in a string: `"`, `\`, controls, and (lone) surrogates. */
// eslint-disable-next-line no-control-regex -- the controls are what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as `JSON.stringify` writes it: by hand when nothing in it is escaped. */
const quoted = (s: string): string => (NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`);

/**
 * Object keys as written (`"key":`), kept: a store's events repeat a few dozen keys. Bounded,
 * so a stream of ever new keys cannot grow it without end.
 */
const writtenKeys = new Map<string, string>();
const WRITTEN_KEYS_MAX = 10_000;

const writtenKey = (key: string): string => {
  let written = writtenKeys.get(key);
  if (written === undefined) {
    written = `${quoted(key)}:`;
    if (writtenKeys.size < WRITTEN_KEYS_MAX) writtenKeys.set(key, written);
  }
  return written;
};

/**
 * Sorts keys in place by UTF-16 code units (what `<` compares, and RFC 8785's order): an
 * insertion sort, quicker than `Array.prototype.sort` for the handful of keys an object has.
 */
function sortKeys(keys: string[]): string[] {
  for (let i = 1; i < keys.length; i += 1) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j -= 1;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/** An array's or a plain object's canonical JSON. */
function structure(input: object): string {
  if (Array.isArray(input)) {
    let out = '[';
    for (let i = 0; i < input.length; i += 1) {
      if (i > 0) out += ',';
      out += canonical(input[i]) ?? 'null';
    }
    return out + ']';
  }
  const object = input as Record<string, unknown>;
  const keys = Object.keys(object);
  // Large objects keep the engine's sort; the default sort compares UTF-16 code units too.
  if (keys.length > 16) keys.sort();
  else sortKeys(keys);
  let out = '{';
  for (const key of keys) {
    const v = canonical(object[key]);
    if (v === undefined) continue;
    if (out.length > 1) out += ',';
    out += writtenKey(key) + v;
  }
  return out + '}';
}

/** What of an event the chain covers. */
export interface ChainedContent {
  readonly streamId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

/**
 * content(v): the SHA-256 of the event's canonical content, hex. Digests are asked for as hex
 * (what is stored and compared): a digest as a `Buffer` costs twice as much CPU (ADR 0048).
 */
export const contentHash = (event: ChainedContent): string =>
  hash('sha256', canonicalJson([event.streamId, event.type, event.data, event.metadata]), 'hex');

/** The bytes a link hashes (hash(v - 1) ‖ content(v)), written in place: one buffer, reused. */
const linkInput = Buffer.alloc(64);

/** hash(v) from hash(v - 1) (null before the first event) and content(v), hex. */
export function chainLink(previous: string | null, content: string): string {
  if (previous === null) {
    // hash(0) is the empty string: the link covers content(v) alone.
    if (linkInput.write(content, 0, 32, 'hex') !== 32) throw new RangeError(notDigest(content));
    return hash('sha256', linkInput.subarray(0, 32), 'hex');
  }
  if (linkInput.write(previous, 0, 32, 'hex') !== 32) throw new RangeError(notDigest(previous));
  if (linkInput.write(content, 32, 32, 'hex') !== 32) throw new RangeError(notDigest(content));
  return hash('sha256', linkInput, 'hex');
}

const notDigest = (hex: string): string => `not a SHA-256 digest in hex: ${hex.slice(0, 80)}`;

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
 * Walks one stream's chain event by event (stored events in version order), remembering the
 * first break: for readers that see a stream's events one at a time, interleaved with others.
 * Pure: no I/O.
 */
export class ChainWalk {
  #previous: string | null = null;
  #version = 0;
  #break: ChainBreak | null = null;

  /** Takes the next stored event of the stream; false once the chain has broken. */
  add(event: ChainedEvent): boolean {
    if (this.#break !== null) return false;
    if (event.streamVersion !== this.#version + 1) {
      this.#break = {
        kind: 'version-gap',
        version: event.streamVersion,
        expectedVersion: this.#version + 1,
      };
      return false;
    }
    this.#version = event.streamVersion;
    const stored = event.hash ?? null;
    if (stored === null) {
      this.#break = { kind: 'unhashed', version: this.#version };
      return false;
    }
    const computed = chainLink(this.#previous, contentHash(event));
    if (stored !== computed) {
      this.#break = { kind: 'hash-mismatch', version: this.#version, stored, computed };
      return false;
    }
    this.#previous = computed;
    return true;
  }

  /** The verdict after the last event; with `head`, the stream row must end there too. */
  verdict(head?: ChainHead): ChainVerdict {
    const walked: ChainVerdict =
      this.#break !== null
        ? { ok: false, break: this.#break }
        : { ok: true, version: this.#version, head: this.#previous };
    return againstHead(walked, head);
  }
}

/**
 * A walk's verdict (taken without a head) checked against the stream's head: a walk that held
 * must end where the `streams` row says (else `head-mismatch`); a broken one stays broken. What
 * `ChainWalk.verdict(head)` gives, for a walk done elsewhere (another thread).
 */
export function againstHead(walked: ChainVerdict, head?: ChainHead): ChainVerdict {
  if (!walked.ok || head === undefined) return walked;
  if (head.version === walked.version && head.hash === walked.head) return walked;
  return {
    ok: false,
    break: {
      kind: 'head-mismatch',
      version: walked.version,
      headVersion: head.version,
      headHash: head.hash,
      lastHash: walked.head,
    },
  };
}

/**
 * Walks a stream's stored events (all of them, in version order) and reports the first break,
 * or the chain's head when every link holds. With `head`, the stream row must end there too.
 * Pure: no I/O.
 */
export function verifyChain(events: readonly ChainedEvent[], head?: ChainHead): ChainVerdict {
  const walk = new ChainWalk();
  for (const event of events) if (!walk.add(event)) break;
  return walk.verdict(head);
}
