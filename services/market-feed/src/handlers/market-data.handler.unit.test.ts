import { deepEqual, equal } from 'node:assert/strict';
import { createInProcessBus, isValidTraceparent, TRACEPARENT, type Bus } from '@hoga/bus';
import { subjects, type Candle, type Tick } from '@hoga/contracts';
import type { Market } from '@hoga/model';
import { decodeFrame, TickerMessageC, TradeMessageC, type CodecFor } from '@hoga/upbit';
import { FeedPublisher } from '../adapters/feed-publisher.js';
import { CandleBook } from '../domain/candle-book.js';
import { MarketLeases } from '../domain/market-leases.js';
import type { TradeBearingMessage } from '../domain/normalize-trade.js';
import { collect, type Collected } from '../testing/collect.js';
import { eventually } from '@hoga/testkit';
import { quietLogger } from '../testing/quiet-logger.js';
import { tickerFrame, tradeFrame, type TradeSpec } from '../testing/upbit-frames.js';
import { MarketDataHandler } from './market-data.handler.js';

const T0 = Date.UTC(2026, 0, 5, 0, 0, 0);
const codecFor: CodecFor<TradeBearingMessage> = (type) =>
  type === 'trade' ? TradeMessageC : type === 'ticker' ? TickerMessageC : undefined;
const message = (frame: Record<string, unknown>): TradeBearingMessage =>
  decodeFrame(JSON.stringify(frame), codecFor).messages[0]!;

describe('MarketDataHandler', () => {
  let bus: Bus;
  let handler: MarketDataHandler;
  let ticks: Collected<Tick>;
  let candles: Collected<Candle>;
  const feed = (frame: Record<string, unknown>, now = frame['timestamp'] as number) =>
    handler.onMessage(message(frame), now);
  const trade = (s: Partial<TradeSpec> & { at: number }) =>
    tradeFrame({ price: 100_000, volume: 0.5, ...s });

  beforeEach(async () => {
    bus = createInProcessBus();
    const leases = new MarketLeases();
    leases.setBase(['KRW-BTC', 'KRW-XRP'] as Market[]);
    const logger = quietLogger();
    const book = new CandleBook({ intervals: ['1m'], formingThrottleMs: 0, closeGraceMs: 2000 });
    const publisher = new FeedPublisher(bus, logger);
    handler = new MarketDataHandler({ watched: leases, candles: book, publisher, logger });
    ticks = await collect(bus, subjects.mdTick('*'));
    candles = await collect(bus, subjects.mdCandle('*', '*'));
  });
  afterEach(() => bus.close());

  it('publishes one decoded tick per trade, with a trace and a deterministic id', async () => {
    feed(trade({ at: T0 + 1, sequentialId: 11 }));
    feed(trade({ at: T0 + 2, sequentialId: 12, price: 100_500 }));
    await eventually(() => equal(ticks.items.length, 2));
    const [first, second] = ticks.items;
    equal(first!.subject, 'hoga.md.tick.KRW-BTC');
    equal(first!.data.id, 'tick:KRW-BTC:11');
    equal(first!.data.occurredAt, '2026-01-05T00:00:00.001Z');
    equal(second!.data.data.price.toString(), '100500');
    equal(isValidTraceparent(first!.headers[TRACEPARENT] ?? ''), true);
  });

  it('drops a repeated trade (reconnect snapshot) and a trade older than the last one', async () => {
    feed(trade({ at: T0 + 5, sequentialId: 5 }));
    feed(trade({ at: T0 + 5, sequentialId: 5, streamType: 'SNAPSHOT' }));
    feed(trade({ at: T0 + 4, sequentialId: 6 }));
    feed(trade({ at: T0 + 5, sequentialId: 7 }));
    await eventually(() => equal(ticks.items.length, 2));
    deepEqual(
      ticks.items.map((d) => d.data.data.sequentialId),
      [5, 7],
    );
    const { duplicates, outOfOrder, ticks: published } = handler.counters;
    deepEqual(
      { duplicates, outOfOrder, published },
      { duplicates: 1, outOfOrder: 1, published: 2 },
    );
  });

  it('refuses a trade priced off the tick grid: nothing published, counted by reason (ADR 0024)', async () => {
    feed(trade({ at: T0 + 1, sequentialId: 1, price: 100_001 })); // band 100,000+: tick 100
    feed(trade({ at: T0 + 2, sequentialId: 2, price: 1e-30 }));
    feed(trade({ at: T0 + 3, sequentialId: 3, price: 100_100 }));
    await eventually(() => equal(ticks.items.length, 1));
    equal(ticks.items[0]!.data.data.sequentialId, 3);
    equal(handler.counters.rejected, 2);
    deepEqual(handler.counters.rejectedBy, {
      'not-a-krw-market': 0,
      'sequence-id-unsafe': 0,
      'market-mismatch': 0,
      'off-tick-grid': 2,
    });
  });

  it('ignores markets that are not watched', () => {
    feed(trade({ code: 'KRW-ETH', at: T0 + 1 }));
    equal(handler.counters.ignored, 1);
    equal(handler.counters.ticks, 0);
  });

  it('ticks from ticker frames until trade frames come, never ticking one trade twice', async () => {
    const first: TradeSpec = { code: 'KRW-XRP', price: 3000, volume: 10, at: T0 + 1 };
    feed(tickerFrame(first));
    feed(tradeFrame({ ...first, sequentialId: 77 }));
    feed(tickerFrame({ ...first, at: T0 + 2 }));
    feed(tradeFrame({ ...first, at: T0 + 2, sequentialId: 78 }));
    await eventually(() => equal(ticks.items.length, 2));
    deepEqual(
      ticks.items.map((d) => [d.data.data.sequentialId, d.data.data.bestBid?.toString() ?? null]),
      [
        [(T0 + 1) * 1000, null],
        [78, '3000'],
      ],
    );
    deepEqual([handler.counters.duplicates, handler.counters.ignored], [1, 1]);
  });

  it('publishes forming candles, the closed one at the next interval, and closes by the clock', async () => {
    feed(trade({ at: T0 + 1_000 }));
    feed(trade({ at: T0 + 60_000, price: 101_000 }));
    handler.onTime(T0 + 120_000 + 2_000);
    await eventually(() => equal(candles.items.length, 4));
    deepEqual(
      candles.items.map((d) => [d.data.data.openTime.slice(11, 16), d.data.data.closed, d.data.id]),
      [
        ['00:00', false, `candle:KRW-BTC:1m:${T0}:1`],
        ['00:00', true, `candle:KRW-BTC:1m:${T0}:closed`],
        ['00:01', false, `candle:KRW-BTC:1m:${T0 + 60_000}:1`],
        ['00:01', true, `candle:KRW-BTC:1m:${T0 + 60_000}:closed`],
      ],
    );
    equal(candles.items[3]!.data.occurredAt, new Date(T0 + 122_000).toISOString());
  });
});
