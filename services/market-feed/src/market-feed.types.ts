import type { RunningService } from '@hoga/config';
import type { Market } from '@hoga/model';
import type { FeedCounters } from './handlers/market-data.handler.js';

/** What the feed has done: the handler's counters, late trades, failed publishes. */
export interface FeedStats extends FeedCounters {
  /** Trades left out of candles already closed by the clock (one count per interval). */
  readonly lateTrades: number;
  /** Publishes the bus refused or could not send (logged; ticks are not retried). */
  readonly publishFailures: number;
}

/** A running market feed. */
export interface MarketFeed extends RunningService {
  /** The markets streamed now, sorted: configured ∪ `setMarkets` ∪ live `watch` leases. */
  markets(): Market[];
  /** Replaces the configured markets (leases stay). */
  setMarkets(markets: readonly Market[]): void;
  /** A snapshot of what the feed has done with the frames it received. */
  counters(): FeedStats;
  /** Resolves once a replay has played everything and its last forming candles are published. */
  readonly sourceEnded: Promise<void>;
  /** The feed's own `/metrics` URL; undefined when it records into injected metrics. */
  readonly metricsUrl: string | undefined;
  /** Stops answering, closes the source, publishes what is pending, closes its own bus. */
  stop(): Promise<void>;
}
