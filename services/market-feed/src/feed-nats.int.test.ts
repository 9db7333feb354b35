import { equal, ok } from 'node:assert/strict';
import { connectNatsBus, removeNatsNamespace, type Bus } from '@hoga/bus';
import { subjects, type Candle, type Tick } from '@hoga/contracts';
import { testNamespace, testNatsUrl } from '@hoga/testkit';
import type { RunningEmulator } from '@hoga/upbit-emulator';
import { start } from './service.js';
import type { MarketFeed } from './market-feed.types.js';
import { collect, type Collected } from './testing/collect.js';
import { eventually } from '@hoga/testkit';
import { testConfig } from './testing/feed-config.js';
import { FAST_SOCKET, historyRequest, startTestEmulator } from './testing/feed-world.js';
import { quietLogger } from './testing/quiet-logger.js';

describe('market-feed: emulator -> feed -> NATS', () => {
  let servers: string;
  let namespace: string;
  let emulator: RunningEmulator;
  let client: Bus;
  let feed: MarketFeed;
  let ticks: Collected<Tick>;
  let candles: Collected<Candle>;

  before(async () => {
    servers = await testNatsUrl();
  });
  beforeEach(async () => {
    namespace = testNamespace('market_feed');
    emulator = await startTestEmulator();
    client = await connectNatsBus({
      servers,
      namespace,
      name: 'market-feed-test',
      logger: quietLogger(),
    });
    ticks = await collect(client, subjects.mdTick('*'));
    candles = await collect(client, subjects.mdCandle('1m', '*'));
    const config = testConfig(
      { upbit: { wsUrl: emulator.wsUrl, restUrl: emulator.url }, markets: ['KRW-BTC'] },
      { url: servers, namespace },
    );
    feed = await start({
      env: {},
      config,
      connections: { logger: quietLogger(), socket: FAST_SOCKET },
    });
  });
  afterEach(async () => {
    await feed.stop();
    await client.close();
    await emulator.close();
    await removeNatsNamespace({ servers, namespace });
  });

  it('publishes ticks and candles that decode on the other side, under its own connection', async () => {
    await eventually(async () => {
      emulator.admin.step(1);
      const price = emulator.admin.price('KRW-BTC');
      await eventually(() => equal(ticks.items.at(-1)?.data.data.price.toString(), price), 500);
    });
    const tick = ticks.items.at(-1)!;
    equal(tick.subject, 'hoga.md.tick.KRW-BTC');
    ok(tick.data.data.volume.gt(0));
    await eventually(() => ok(candles.items.some((d) => d.data.data.market === 'KRW-BTC')));
  });

  it('answers candle history over NATS', async () => {
    const reply = await client.request(
      subjects.ops('market-feed', 'history'),
      historyRequest('KRW-BTC', '5m', 250),
      {
        timeoutMs: 15_000,
      },
    );
    ok(reply.ok);
    equal(reply.candles.length, 250);
    ok(reply.candles.every((c, i, all) => i === 0 || c.openTime > all[i - 1]!.openTime));
  });
});
