import { equal, ok } from 'node:assert/strict';
import { createInProcessBus, type Bus } from '@hoga/bus';
import { subjects, type Tick } from '@hoga/contracts';
import type { Market } from '@hoga/model';
import type { RunningEmulator } from '@hoga/upbit-emulator';
import type { MarketFeed } from './market-feed.types.js';
import { collect, type Collected } from './testing/collect.js';
import { eventually, sampleValue, scrapePrometheus } from '@hoga/testkit';
import { Label, Metrics, prometheusLabel, prometheusName } from '@hoga/telemetry';
import { startTestEmulator, startTestFeed } from './testing/feed-world.js';

describe('market-feed: reconnect after the emulator drops the WebSockets', () => {
  let emulator: RunningEmulator;
  let bus: Bus;
  let feed: MarketFeed;
  let ticks: Collected<Tick>;

  beforeEach(async () => {
    emulator = await startTestEmulator();
    bus = createInProcessBus();
    ticks = await collect(bus, subjects.mdTick('KRW-BTC' as Market));
    feed = await startTestFeed(emulator, bus);
  });
  afterEach(async () => {
    await feed.stop();
    await bus.close();
    await emulator.close();
  });

  const lastPrice = () => ticks.items.at(-1)?.data.data.price.toString();
  const tradeUntilTicked = () =>
    eventually(async () => {
      emulator.admin.step(1);
      const price = emulator.admin.price('KRW-BTC');
      await eventually(() => equal(lastPrice(), price), 300);
    });

  it('keeps ticking after a drop, without repeating the trade the reconnect snapshot repeats', async () => {
    await tradeUntilTicked();
    const before = ticks.items.length;
    equal(emulator.admin.dropWebSockets('public'), 1);
    await eventually(() =>
      ok(feed.counters().duplicates >= 1, 'the snapshot of the last trade came back'),
    );
    await tradeUntilTicked();
    await tradeUntilTicked();
    ok(ticks.items.length >= before + 2);
    const ids = ticks.items.map((d) => d.data.data.sequentialId);
    equal(new Set(ids).size, ids.length, 'no trade ticked twice');
    const url = feed.metricsUrl;
    ok(url !== undefined);
    equal(
      sampleValue(await scrapePrometheus(url), prometheusName(Metrics.websocketReconnects), {
        [prometheusLabel(Label.stream)]: 'public',
      }),
      1,
      'the reconnect counts (ADR 0056)',
    );
  });
});
