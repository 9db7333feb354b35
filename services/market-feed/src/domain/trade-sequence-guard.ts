/** What the guard decided about one trade. */
export type SequenceVerdict =
  /** New: `ordinal` counts the trades already accepted at the same timestamp (0 for the first). */
  | { readonly kind: 'accepted'; readonly ordinal: number }
  /** The same trade again (a reconnect snapshot repeats the last one). */
  | { readonly kind: 'duplicate' }
  /** Older than the last accepted trade of its market. */
  | { readonly kind: 'out-of-order' };

const FIRST: SequenceVerdict = Object.freeze({ kind: 'accepted', ordinal: 0 });
const DUPLICATE: SequenceVerdict = Object.freeze({ kind: 'duplicate' });
const OUT_OF_ORDER: SequenceVerdict = Object.freeze({ kind: 'out-of-order' });

interface MarketCursor {
  timestamp: number;
  /** Identities accepted at `timestamp`. */
  readonly seen: Set<string>;
}

/**
 * Per-market duplicate and order filter. Upbit's `sequential_id` identifies a trade but does not
 * order trades, so order is the trade timestamp: a trade older than the last accepted one of its
 * market is dropped as out of order; one with the same timestamp is a duplicate when its identity
 * was already accepted at that timestamp. A duplicate can only share the last timestamp (anything
 * older is out of order), so the state is one timestamp and its identities per market (one set
 * per market, cleared when time moves on: nothing is allocated for a trade at a new millisecond).
 */
export class TradeSequenceGuard {
  readonly #cursors = new Map<string, MarketCursor>();

  /**
   * Judges a trade of `market` at `timestamp` (ms) whose identity is `identity`, and records it if
   * new. `alias`, when given, yields another identity the same trade may have been seen under: it
   * is matched but not recorded (computed only when the timestamp ties).
   */
  admit(
    market: string,
    timestamp: number,
    identity: string,
    alias?: () => string,
  ): SequenceVerdict {
    const cursor = this.#cursors.get(market);
    if (cursor === undefined) {
      this.#cursors.set(market, { timestamp, seen: new Set([identity]) });
      return FIRST;
    }
    if (timestamp > cursor.timestamp) {
      cursor.timestamp = timestamp;
      cursor.seen.clear();
      cursor.seen.add(identity);
      return FIRST;
    }
    if (timestamp < cursor.timestamp) return OUT_OF_ORDER;
    if (cursor.seen.has(identity) || (alias !== undefined && cursor.seen.has(alias())))
      return DUPLICATE;
    const ordinal = cursor.seen.size;
    cursor.seen.add(identity);
    return { kind: 'accepted', ordinal };
  }

  /** Forgets a market (it is no longer watched; a later watch starts afresh). */
  forget(market: string): void {
    this.#cursors.delete(market);
  }
}
