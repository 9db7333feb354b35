import { performance } from 'node:perf_hooks';
import { createInProcessBus } from '@hoga/bus';
import { subjects } from '@hoga/contracts';
import type { Market } from '@hoga/model';
import { createLogger, type Meter } from '@hoga/telemetry';
import { feedMetrics } from '../adapters/feed-metrics.js';
import { decodeFrame, TickerMessageC, TradeMessageC, type CodecFor } from '@hoga/upbit';
import { FeedPublisher } from '../adapters/feed-publisher.js';
import { CandleBook } from '../domain/candle-book.js';
import { MarketLeases } from '../domain/market-leases.js';
import { TickAges } from '../domain/tick-ages.js';
import type { TradeBearingMessage } from '../domain/normalize-trade.js';
import { MarketDataHandler } from '../handlers/market-data.handler.js';
import { tradeFrame } from './upbit-frames.js';

/** What {@link measureTickThroughput} measured. */
export interface TickThroughput {
  readonly ticks: number;
  readonly markets: number;
  readonly elapsedMs: number;
  readonly ticksPerSecond: number;
  /** Candle messages (forming and closed) published along the way. */
  readonly candles: number;
  /** Ticks a subscriber received (0 without one). */
  readonly delivered: number;
  /** CPU time of the process during the run (user + system, every thread), µs per tick. */
  readonly cpuMicrosPerTick: number;
}

const codecFor: CodecFor<TradeBearingMessage> = (type) =>
  type === 'trade' ? TradeMessageC : type === 'ticker' ? TickerMessageC : undefined;

/**
 * Ticks per second through the feed's real path into an in-process bus: frame text -> decode ->
 * normalize -> duplicate/order filter -> publish the tick -> 1m/5m/15m/60m candles (forming
 * throttled at 1 s) -> publish candles, until every publish is handed over. `subscribe` adds a
 * subscriber on every tick subject and waits until it has them all. Frames are built beforehand,
 * `framesPerSecond` of feed time apart (default 100: 10 ms, so with many markets each market's
 * trades are seconds apart and every one publishes its 4 forming candles; at 20,000, the goal's
 * rate, a market of 200 trades every 10 ms and the 1 s throttle holds most candle updates back).
 */
export async function measureTickThroughput(
  options: {
    readonly ticks?: number;
    readonly markets?: number;
    readonly subscribe?: boolean;
    /** Record the feed's metrics into this meter, as a running feed does (ADR 0056). */
    readonly meter?: Meter;
    /** Frames per second of feed time (trade timestamps); default 100. */
    readonly framesPerSecond?: number;
  } = {},
): Promise<TickThroughput> {
  const total = options.ticks ?? 100_000;
  const codes = Array.from({ length: options.markets ?? 4 }, (_, i) => `KRW-C${i}` as Market);
  const start0 = Date.UTC(2026, 0, 5);
  const msPerFrame = 1000 / (options.framesPerSecond ?? 100);
  const frames = Array.from({ length: total }, (_, i) => {
    const at = start0 + Math.floor(i * msPerFrame);
    return JSON.stringify(
      tradeFrame({
        code: codes[i % codes.length],
        price: 100_000_000 + (i % 97) * 1000,
        volume: 0.0012,
        at,
        // Upbit's layout (ms × 1000 + n): unique while under 1,000 frames share a millisecond.
        sequentialId: at * 1000 + (i % 1000),
      }),
    );
  });
  const logger = createLogger({ service: 'market-feed-bench', sinks: [] });
  const bus = createInProcessBus({ logger });
  let delivered = 0;
  if (options.subscribe) await bus.subscribe(subjects.mdTick('*'), () => void (delivered += 1));
  const ages = new TickAges();
  const recorded = options.meter
    ? feedMetrics(options.meter, {
        ages,
        markets: () => codes,
        health: () => ({ kind: 'replay', connected: true, connections: 0, stalls: 0, resyncs: 0 }),
        now: () => Date.now(),
      })
    : undefined;
  const publisher = new FeedPublisher(
    bus,
    logger,
    recorded
      ? (market) => {
          ages.record(market, Date.now());
          recorded.tick(market);
        }
      : undefined,
  );
  const leases = new MarketLeases();
  leases.setBase(codes);
  const candles = new CandleBook({
    intervals: ['1m', '5m', '15m', '60m'],
    formingThrottleMs: 1000,
    closeGraceMs: 2000,
  });
  const handler = new MarketDataHandler({ watched: leases, candles, publisher, logger });
  const cpu = process.cpuUsage();
  const began = performance.now();
  for (let i = 0; i < frames.length; i++) {
    for (const m of decodeFrame(frames[i]!, codecFor).messages) handler.onMessage(m, m.timestamp);
    if (i % 1000 === 999) await publisher.drain();
  }
  await publisher.drain();
  const elapsedMs = performance.now() - began;
  const { user, system } = process.cpuUsage(cpu);
  for (let wait = 0; options.subscribe && delivered < total && wait < 10_000; wait += 5)
    await new Promise((resolve) => setTimeout(resolve, 5));
  await bus.close();
  recorded?.stop();
  const { ticks, candlesClosed, candlesForming } = handler.counters;
  return {
    ticks,
    markets: codes.length,
    elapsedMs,
    ticksPerSecond: (ticks / elapsedMs) * 1000,
    candles: candlesClosed + candlesForming,
    delivered,
    cpuMicrosPerTick: (user + system) / ticks,
  };
}
