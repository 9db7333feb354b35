import type { Market, TickRejectionReason } from '@hoga/model';
import type { Logger } from '@hoga/telemetry';
import type { FeedPublisher } from '../adapters/feed-publisher.js';
import type { FeedSink } from '../adapters/source.port.js';
import type { CandleBook } from '../domain/candle-book.js';
import type { BuiltCandle } from '../domain/candle-builder.js';
import {
  candidateFromTicker,
  candidateFromTrade,
  type NormalizeRejection,
  type TradeBearingMessage,
} from '../domain/normalize-trade.js';
import { feedTickRejection } from '../domain/tick-gate.js';
import { TradeSequenceGuard } from '../domain/trade-sequence-guard.js';
import { TradePreference } from '../domain/trade-preference.js';

/** What the feed has done with the frames it received. */
export interface FeedCounters {
  /** Ticks published. */
  ticks: number;
  /** The same trade again (same sequential id, or the ticker of a trade already ticked). */
  duplicates: number;
  /** Older than the last accepted trade of the market: dropped. */
  outOfOrder: number;
  /** Frames of markets not watched, and ticker frames of markets that have trade frames. */
  ignored: number;
  /** Frames that cannot make a valid tick (sum of `rejectedBy`). */
  rejected: number;
  /**
   * The same by reason: not a KRW market, a sequential id beyond 2^53, a tick whose market is
   * not the frame's, a price off Upbit's tick grid (ADR 0024). None of them is published.
   */
  rejectedBy: Record<NormalizeRejection | TickRejectionReason, number>;
  /** Closed candles published. */
  candlesClosed: number;
  /** Forming candle updates published. */
  candlesForming: number;
  /** Unreadable frames, server errors, connection problems. */
  issues: number;
}

/** The dependencies of the handler. */
export interface MarketDataDeps {
  readonly watched: { has(market: string): boolean };
  readonly candles: CandleBook;
  readonly publisher: FeedPublisher;
  readonly logger: Logger;
}

/**
 * Turns trade-bearing frames into ticks and candles: drops frames of unwatched markets, prefers
 * trade frames over ticker frames, drops duplicates and out-of-order trades, publishes the tick,
 * then folds it into the candles and publishes what they yield.
 */
export class MarketDataHandler implements FeedSink {
  readonly counters: FeedCounters = {
    ticks: 0,
    duplicates: 0,
    outOfOrder: 0,
    ignored: 0,
    rejected: 0,
    rejectedBy: {
      'not-a-krw-market': 0,
      'sequence-id-unsafe': 0,
      'market-mismatch': 0,
      'off-tick-grid': 0,
    },
    candlesClosed: 0,
    candlesForming: 0,
    issues: 0,
  };
  readonly #guard = new TradeSequenceGuard();
  readonly #preference = new TradePreference();
  /** The latest feed time seen. */
  #now = 0;

  constructor(private readonly deps: MarketDataDeps) {}

  onMessage(m: TradeBearingMessage, now: number): void {
    this.#now = now;
    const c = this.counters;
    if (!this.deps.watched.has(m.code)) return void (c.ignored += 1);
    if (m.type === 'ticker' && !this.#preference.usesTicker(m.code)) return void (c.ignored += 1);
    const candidate = m.type === 'trade' ? candidateFromTrade(m) : candidateFromTicker(m);
    if (typeof candidate === 'string') return this.#reject(candidate, m);
    const refused = feedTickRejection(m.code, candidate.market, m.trade_price);
    if (refused !== null) return this.#reject(refused, m);
    const verdict = this.#guard.admit(
      candidate.market,
      candidate.tradeTimestamp,
      candidate.identity,
      candidate.tickerIdentity,
    );
    if (m.type === 'trade') this.#preference.tradeSeen(m.code);
    if (verdict.kind === 'duplicate') return void (c.duplicates += 1);
    if (verdict.kind === 'out-of-order') return void (c.outOfOrder += 1);
    const tick = candidate.tick(verdict.ordinal);
    this.deps.publisher.tick(tick);
    c.ticks += 1;
    this.#publishCandles(this.deps.candles.addTrade(tick, now), now);
  }

  onTime(now: number): void {
    this.#now = now;
    this.#publishCandles(this.deps.candles.tick(now), now);
  }

  onIssue(error: Error): void {
    this.counters.issues += 1;
    this.deps.logger.warn('market-feed: source issue', { error });
  }

  /** Publishes every forming candle that changed since it was last published (end of a replay). */
  flush(): void {
    this.#publishCandles(this.deps.candles.flush(), this.#now);
  }

  /** Forgets everything about a market that is no longer watched. */
  forget(market: Market): void {
    this.#guard.forget(market);
    this.#preference.forget(market);
    this.deps.candles.forget(market);
  }

  /** Counts a frame that cannot make a valid tick; logs the first of each reason, then every 1,000th. */
  #reject(reason: NormalizeRejection | TickRejectionReason, m: TradeBearingMessage): void {
    const c = this.counters;
    c.rejected += 1;
    const n = (c.rejectedBy[reason] += 1);
    if (n === 1 || n % 1000 === 0)
      this.deps.logger.warn('market-feed: frame refused', {
        reason,
        market: m.code.slice(0, 32),
        price: m.trade_price.toString().slice(0, 64),
        count: n,
      });
  }

  #publishCandles(built: readonly BuiltCandle[], now: number): void {
    if (built.length === 0) return;
    for (const b of built)
      if (b.data.closed) this.counters.candlesClosed += 1;
      else this.counters.candlesForming += 1;
    this.deps.publisher.candles(built, now);
  }
}
