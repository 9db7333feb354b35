import { equal, ok } from 'node:assert/strict';
import { createInProcessBus, type Bus, type Subscription } from '@hoga/bus';
import { subjects, type WatchMarkets } from '@hoga/contracts';
import { InMemoryEventStore } from '@hoga/event-store';
import { dec, type Market, type Price, type Volume, type Krw } from '@hoga/model';
import { eventually, Harness, IMMEDIATE_SPEC } from '../testing/harness.js';

const MARKET = 'KRW-BTC' as Market;
const T0 = Date.parse('2026-11-22T00:00:00.000Z');
/** 30 closed 1m candles, each closing 100,000 KRW lower: RSI(14) = 0. */
const FALLING = Array.from({ length: 30 }, (_, i) => {
  const close = dec(100_000_000 - i * 100_000) as Price;
  const open = dec(100_000_000 - i * 100_000 + 100_000) as Price;
  return {
    market: MARKET,
    interval: '1m' as const,
    openTime: new Date(T0 + i * 60_000).toISOString(),
    open,
    high: open,
    low: close,
    close,
    volume: dec('1') as Volume,
    turnoverKrw: dec(close.toString()) as Krw,
    closed: true,
  };
});
const RSI_DIP_SPEC = {
  ...IMMEDIATE_SPEC,
  id: 'btc-rsi-dip',
  entry: { indicator: 'rsi', period: 14, interval: '1m', op: '<', value: 30 },
};

describe('indicator warm-up from market-feed history', () => {
  let bus: Bus;
  let h: Harness;
  const feed: Subscription[] = [];
  const watches: WatchMarkets[] = [];
  beforeEach(async () => {
    bus = createInProcessBus();
    feed.push(
      await bus.reply(subjects.ops('market-feed', 'history'), async (d) => {
        equal(d.data.data.interval, '1m');
        ok(d.data.data.count >= 15, 'asks for enough candles for RSI(14)');
        return Promise.resolve({
          ok: true as const,
          market: MARKET,
          interval: '1m' as const,
          candles: FALLING,
        });
      }),
      await bus.reply(subjects.ops('market-feed', 'watch'), async (d) => {
        watches.push(d.data);
        return Promise.resolve({
          ok: true as const,
          markets: d.data.data.markets,
          expiresAt: null,
        });
      }),
    );
    h = await new Harness(bus, new InMemoryEventStore()).start(50, { instanceId: 'w1' });
  });
  afterEach(async () => {
    await h.dispose();
    for (const s of feed.splice(0)) await s.unsubscribe();
    await bus.close();
  });

  it('makes an RSI entry condition evaluable on the first tick, and leases the market', async () => {
    const reply = await h.run(RSI_DIP_SPEC, 'cmd-rsi');
    ok(reply.ok, JSON.stringify(reply));
    await eventually(() => h.service.hosted().length === 1, 'the position is hosted');
    await eventually(async () => {
      await h.tick('90000000');
      return (await h.types(reply.positionId)).includes('EntryOrderRequested');
    }, 'an entry on a tick after the warm-up');
    const lease = await eventually(
      () => watches.find((w) => w.data.markets.includes(MARKET)),
      'a watch lease on KRW-BTC',
    );
    equal(lease.data.holder, 'position-actor/w1');
  });
});
