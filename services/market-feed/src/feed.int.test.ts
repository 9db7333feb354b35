import { deepEqual, equal, ok } from 'node:assert/strict';
import { createInProcessBus, type Bus } from '@hoga/bus';
import { subjects, type Candle, type Tick } from '@hoga/contracts';
import type { RunningEmulator } from '@hoga/upbit-emulator';
import type { MarketFeed } from './market-feed.types.js';
import { collect, type Collected } from './testing/collect.js';
import { eventually } from '@hoga/testkit';
import { SkewedClock } from './testing/fake-clock.js';
import {
  historyRequest,
  markets,
  startTestEmulator,
  startTestFeed,
  watchRequest,
} from './testing/feed-world.js';

const HOUR = 3_600_000;

describe('market-feed: emulator -> feed -> in-process bus', () => {
  let emulator: RunningEmulator;
  let bus: Bus;
  let feed: MarketFeed;
  let clock: SkewedClock;
  let ticks: Collected<Tick>;
  let candles: Collected<Candle>;

  beforeEach(async () => {
    emulator = await startTestEmulator();
    bus = createInProcessBus();
    clock = new SkewedClock();
    ticks = await collect(bus, subjects.mdTick('*'));
    candles = await collect(bus, subjects.mdCandle('*', '*'));
    feed = await startTestFeed(emulator, bus, clock);
  });
  afterEach(async () => {
    await feed.stop();
    await bus.close();
    await emulator.close();
  });

  const ticksOf = (market: string) => ticks.items.filter((d) => d.data.data.market === market);
  /** Trades until the feed has ticked the trade (the first ones may precede the subscription). */
  const tradeUntilTicked = (market: string) =>
    eventually(async () => {
      emulator.admin.step(1);
      const price = emulator.admin.price(market);
      await eventually(() => equal(ticksOf(market).at(-1)?.data.data.price.toString(), price), 300);
    });

  it('streams decoded ticks of the watched markets only, and forming candles of every interval', async () => {
    await tradeUntilTicked('KRW-BTC');
    await tradeUntilTicked('KRW-ETH');
    equal(ticksOf('KRW-XRP').length, 0);
    const tick = ticksOf('KRW-BTC').at(-1)!;
    equal(tick.subject, 'hoga.md.tick.KRW-BTC');
    ok(tick.data.data.bestAsk!.gt(tick.data.data.bestBid!));
    await eventually(() => {
      const forming = candles.items.filter(
        (d) => d.data.data.market === 'KRW-BTC' && !d.data.data.closed,
      );
      deepEqual([...new Set(forming.map((d) => d.data.data.interval))].sort(), [
        '15m',
        '1m',
        '5m',
        '60m',
      ]);
      equal(forming.at(-1)!.data.data.close.toString(), emulator.admin.price('KRW-BTC'));
    });
  });

  it('closes candles by the clock when no trade follows', async () => {
    await tradeUntilTicked('KRW-BTC');
    clock.skewMs = 2 * HOUR;
    await eventually(() => {
      const closed = candles.items.filter(
        (d) => d.data.data.market === 'KRW-BTC' && d.data.data.closed,
      );
      deepEqual([...new Set(closed.map((d) => d.data.data.interval))].sort(), [
        '15m',
        '1m',
        '5m',
        '60m',
      ]);
    });
  });

  it('answers candle history from the candle API: closed candles, oldest first, paged', async () => {
    const reply = await bus.request(
      subjects.ops('market-feed', 'history'),
      historyRequest('KRW-BTC', '1m', 1000),
      {
        timeoutMs: 15_000,
      },
    );
    ok(reply.ok);
    equal(reply.candles.length, 1000);
    const opens = reply.candles.map((c) => Date.parse(c.openTime));
    ok(
      opens.every((t, i) => i === 0 || t - opens[i - 1]! === 60_000),
      'consecutive minutes, oldest first',
    );
    ok(opens.at(-1)! + 60_000 <= Date.now(), 'the forming minute is left out');
    ok(reply.candles.every((c) => c.closed && c.low.lte(c.open) && c.high.gte(c.close)));
    const fifteen = await bus.request(
      subjects.ops('market-feed', 'history'),
      historyRequest('KRW-ETH', '15m', 20),
    );
    ok(fifteen.ok);
    equal(fifteen.candles.length, 20);
    ok(fifteen.candles.every((c) => Date.parse(c.openTime) % (15 * 60_000) === 0));
  });

  it('answers not-found for a market Upbit does not list', async () => {
    const reply = await bus.request(
      subjects.ops('market-feed', 'history'),
      historyRequest('KRW-NOPE', '1m', 5),
    );
    deepEqual(reply.ok ? 'ok' : reply.error.code, 'not-found');
  });

  it('streams a market while a holder leases it, until the lease lapses or is released', async () => {
    const watch = (list: string[], ttlMs?: number) =>
      bus.request(subjects.ops('market-feed', 'watch'), watchRequest(list, ttlMs));
    const reply = await watch(['KRW-XRP'], 1000);
    ok(reply.ok);
    deepEqual(reply.markets, markets('KRW-BTC', 'KRW-ETH', 'KRW-XRP'));
    equal(Date.parse(reply.expiresAt!) > Date.now(), true);
    await tradeUntilTicked('KRW-XRP');
    clock.skewMs = 2000;
    await eventually(() => deepEqual(feed.markets(), markets('KRW-BTC', 'KRW-ETH')));
    await watch(['KRW-XRP']);
    deepEqual(feed.markets(), markets('KRW-BTC', 'KRW-ETH', 'KRW-XRP'));
    const released = await watch([]);
    deepEqual(released.ok && [released.markets, released.expiresAt], [
      markets('KRW-BTC', 'KRW-ETH'),
      null,
    ]);
    feed.setMarkets(markets('KRW-XRP'));
    deepEqual(feed.markets(), markets('KRW-XRP'));
  });
});
