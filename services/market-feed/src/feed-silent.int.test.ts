import { equal, ok } from 'node:assert/strict';
import { createInProcessBus, type Bus } from '@hoga/bus';
import { subjects, type Tick } from '@hoga/contracts';
import type { Market } from '@hoga/model';
import { eventually } from '@hoga/testkit';
import type { RunningEmulator } from '@hoga/upbit-emulator';
import type { MarketFeed } from './market-feed.types.js';
import { collect, type Collected } from './testing/collect.js';
import { SkewedClock } from './testing/fake-clock.js';
import { startTestEmulator, startTestFeed, statusRequest } from './testing/feed-world.js';

/** Pings every 50 ms, silent 300 ms: a stall (the 4 s / 12 s defaults scaled down). */
const QUICK = { pingIntervalMs: 50, stallTimeoutMs: 300 };

describe('market-feed: a frozen public socket (open, silent, deaf to pings)', () => {
  let emulator: RunningEmulator;
  let bus: Bus;
  let feed: MarketFeed;
  let ticks: Collected<Tick>;

  beforeEach(async () => {
    emulator = await startTestEmulator();
    bus = createInProcessBus();
    ticks = await collect(bus, subjects.mdTick('KRW-BTC' as Market));
    feed = await startTestFeed(emulator, bus, new SkewedClock(), QUICK);
  });
  afterEach(async () => {
    await feed.stop();
    await bus.close();
    await emulator.close();
  });

  const ticked = () => new Set(ticks.items.map((d) => d.data.data.sequentialId));
  const status = async () => {
    const reply = await bus.request(subjects.ops('market-feed', 'status'), statusRequest(), {
      timeoutMs: 5_000,
    });
    if (!reply.ok) throw new Error('status refused');
    return reply;
  };

  it('is found by the deadline, replaced, resynced over REST (the trades it missed tick), and ticks flow again', async () => {
    await eventually(async () => {
      emulator.admin.step(1);
      await eventually(() => ok(ticks.items.length > 0), 200);
    });
    const before = await status();
    const btc = before.lastTicks.find((m) => m.market === 'KRW-BTC');
    ok(btc?.lastTickAt !== null && (btc?.lastTickAgeMs ?? -1) >= 0, JSON.stringify(before));
    equal(before.source.kind, 'upbit');
    equal(before.source.connected, true);

    const tickedBefore = ticks.items.length;
    equal(emulator.admin.freezeWebSockets('public'), 1);
    const missed = emulator.admin.step(3).filter((t) => t.market === 'KRW-BTC');
    ok(missed.length === 3);
    await eventually(async () => {
      const s = await status();
      ok(s.source.stalls >= 1 && s.source.resyncs >= 1 && s.source.connections >= 2);
    });
    // Every trade missed while frozen is ticked, from REST, without a new trade.
    await eventually(() => equal(ticks.items.length, tickedBefore + 3));
    equal(ticks.items.at(-1)?.data.data.price.toString(), emulator.admin.price('KRW-BTC'));
    equal(ticked().size, ticks.items.length);
    const count = ticks.items.length;
    await eventually(async () => {
      emulator.admin.step(1);
      await eventually(() => ok(ticks.items.length > count), 200);
    });
    const ids = ticks.items.map((d) => d.data.data.sequentialId);
    equal(new Set(ids).size, ids.length, 'no trade ticked twice');
    emulator.admin.thawWebSockets();
  });
});
