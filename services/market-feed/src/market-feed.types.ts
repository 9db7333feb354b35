import type { Bus } from '@hoga/bus';
import type { Market } from '@hoga/model';
import type { Logger, ServiceMetrics } from '@hoga/telemetry';
import type { Clock, SocketOptions } from '@hoga/upbit';
import type { MarketFeedConfig } from './config.js';
import type { FeedCounters } from './handlers/market-data.handler.js';

/** What `start` takes; everything is optional. */
export interface StartOptions {
  /** Default: read from the environment (`HOGA_*`). */
  readonly config?: MarketFeedConfig;
  /** The all-in-one passes its in-process bus; default: NATS at `nats.url` (closed on stop). */
  readonly bus?: Bus;
  /** Wall clock for candle closing, forming throttling, leases and replay pacing. */
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Upbit WebSocket tuning (tests: a fast reconnect backoff). */
  readonly socket?: SocketOptions;
  /** The all-in-one's metrics; default: a listener of its own per `metrics` config. */
  readonly metrics?: ServiceMetrics;
}

/** What the feed has done: the handler's counters, late trades, failed publishes. */
export interface FeedStats extends FeedCounters {
  /** Trades left out of candles already closed by the clock (one count per interval). */
  readonly lateTrades: number;
  /** Publishes the bus refused or could not send (logged; ticks are not retried). */
  readonly publishFailures: number;
}

/** A running market feed. */
export interface MarketFeed {
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
