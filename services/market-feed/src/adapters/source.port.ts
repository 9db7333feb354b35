import type { Market } from '@hoga/model';
import type { TradeBearingMessage } from '../domain/normalize-trade.js';

/** Where a source delivers what it reads. */
export interface FeedSink {
  /** One trade or ticker frame; `now` is the feed's time (wall clock, or recorded time in a replay). */
  onMessage(message: TradeBearingMessage, now: number): void;
  /** The feed's time moved to `now` (sources that set the time themselves call it). */
  onTime(now: number): void;
  /** A frame that could not be read, a server error frame, a dropped connection. */
  onIssue(error: Error): void;
}

/** How a live source's connection is doing (the ops status). */
export interface SourceHealth {
  readonly kind: 'upbit' | 'replay';
  readonly connected: boolean;
  /** Connections made. */
  readonly connections: number;
  /** Connections dropped for silence (no frame, no pong past the deadline). */
  readonly stalls: number;
  /** REST resyncs after a reconnect. */
  readonly resyncs: number;
}

/** Where market data comes from: Upbit's public WebSocket, or a recorded file. */
export interface MarketDataSource {
  /** The connection's health, for the ops status (absent: not a live source). */
  health?(): SourceHealth;
  /**
   * True when the source sets the feed's time itself (a replay: recorded time, so candles close
   * deterministically); false when the wall clock does (a timer calls `onTime`).
   */
  readonly drivesTime: boolean;
  /** Resolves once a finite source has delivered everything; a live one only once closed. */
  readonly ended: Promise<void>;
  /** Starts delivering to `sink`. */
  start(sink: FeedSink): void;
  /** The markets wanted now (the full set). */
  watch(markets: ReadonlySet<Market>): void;
  /** Stops delivering; resolves once stopped. */
  close(): Promise<void>;
}
