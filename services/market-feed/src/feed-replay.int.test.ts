import { deepEqual, equal, ok } from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { createInProcessBus } from '@hoga/bus';
import { subjects, type Candle, type Tick } from '@hoga/contracts';
import { start } from './service.js';
import { collect } from './testing/collect.js';
import { eventually } from '@hoga/testkit';
import { testConfig } from './testing/feed-config.js';
import { quietLogger } from './testing/quiet-logger.js';

const SAMPLE = fileURLToPath(new URL('../fixtures/emulator-sample.ndjson', import.meta.url));

/** Replays the committed sample as fast as possible; returns every tick and candle published. */
async function replaySample(marketList: string[]) {
  const bus = createInProcessBus();
  const ticks = await collect<Tick>(bus, subjects.mdTick('*'));
  const candles = await collect<Candle>(bus, subjects.mdCandle('*', '*'));
  const config = testConfig({
    source: 'replay',
    replay: { file: SAMPLE, speed: 0 },
    markets: marketList,
  });
  const feed = await start({ env: {}, config, connections: { bus, logger: quietLogger() } });
  await feed.sourceEnded;
  const counters = feed.counters();
  await eventually(() => equal(ticks.items.length, counters.ticks));
  await eventually(() =>
    equal(candles.items.length, counters.candlesClosed + counters.candlesForming),
  );
  await feed.stop();
  await bus.close();
  return {
    ticks: ticks.items.map((d) => d.data),
    candles: candles.items.map((d) => d.data),
    counters,
  };
}

const closedKeys = (candles: readonly Candle[]) =>
  candles
    .filter((c) => c.data.closed)
    .map((c) => `${c.data.market} ${c.data.interval} ${c.data.openTime.slice(11, 16)}`);

describe('market-feed: replay of the emulator sample (fixtures/emulator-sample.ndjson)', () => {
  it('ticks trades (BTC, ETH), tickers where there are no trades (XRP), one tick per trade', async () => {
    const { ticks, counters } = await replaySample(['KRW-BTC', 'KRW-ETH', 'KRW-XRP']);
    const count = (m: string) => ticks.filter((t) => t.data.market === m).length;
    deepEqual([count('KRW-BTC'), count('KRW-ETH'), count('KRW-XRP')], [76, 76, 76]);
    equal(
      counters.duplicates,
      1,
      "BTC's snapshot trade repeats the trade its snapshot ticker reported",
    );
    equal(counters.ignored, 75, "BTC's realtime tickers: BTC has trade frames");
    ok(ticks.filter((t) => t.data.market === 'KRW-XRP').every((t) => t.data.bestBid === null));
    ok(ticks.filter((t) => t.data.market === 'KRW-ETH').every((t) => t.data.bestBid !== null));
  });

  it('closes candles at the hour as the recorded trades cross it, and flushes the forming ones', async () => {
    const { candles } = await replaySample(['KRW-ETH']);
    deepEqual(closedKeys(candles), [
      'KRW-ETH 1m 00:57',
      'KRW-ETH 1m 00:58',
      'KRW-ETH 1m 00:59',
      'KRW-ETH 5m 00:55',
      'KRW-ETH 15m 00:45',
      'KRW-ETH 60m 00:00',
      'KRW-ETH 1m 01:00',
    ]);
    const last = candles.filter((c) => c.data.interval === '60m').at(-1)!;
    deepEqual([last.data.openTime, last.data.closed], ['2026-01-05T01:00:00.000Z', false]);
  });

  it('is deterministic: the same file gives the same messages', async () => {
    const first = await replaySample(['KRW-BTC', 'KRW-XRP']);
    const second = await replaySample(['KRW-BTC', 'KRW-XRP']);
    deepEqual(JSON.stringify(second.ticks), JSON.stringify(first.ticks));
    deepEqual(JSON.stringify(second.candles), JSON.stringify(first.candles));
  });
});
