/**
 * `npm run bench -- tick-gate`: what the tick gate (ADR 0024) costs a genuine stop, and per tick.
 * - Delay to a real stop: position-actor (`start()`, in-process bus, in-memory store) with one
 *   active position per market (entered at 100,000,000, stop-loss 5 %). A crash of trades at
 *   80,000,000 and below (20 %: outside the ±10 % band) is published, one trade every `gap` ms,
 *   and the time from the FIRST crash trade to the exit `PlaceOrder` on `hoga.order.cmd` is
 *   measured, with how many crash trades had been published by then. Run with the hold
 *   (`confirmTrades` 2, the default; and 4) and without it (0: the gate's checks only), so the
 *   difference is what the hold adds. A fall inside the band (94,000,000) is the control: it
 *   must fire on its first trade whatever the setting.
 * - Gate cost: `TickGate.judge` on in-band ticks (structure + sanity), ticks/s on one core.
 * Flags: `--samples=N` (markets crashed per row, default 12). No assertions: figures only.
 */
import { performance } from 'node:perf_hooks';
import { createInProcessBroker, createInProcessBus } from '@hoga/bus';
import { subjects } from '@hoga/contracts';
import { InMemoryEventStore } from '@hoga/event-store';
import { dec, type Market, type PositionId } from '@hoga/model';
import { DEFAULT_PRICE_SANITY, TickGate, type PriceSanitySettings } from '@hoga/position';
import { streamIdOf } from '@hoga/position-actor';
import { startService as start } from '@hoga/position-actor/testing';
import { createLogger } from '@hoga/telemetry';
import { MARKETS, Outside, runStrategies, tickMessage, waitFor } from './engine-world.js';
import { percentile, printTable, writeResults, type Row } from './report.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const flag = (name: string, fallback: number) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit === undefined ? fallback : Number(hit.split('=')[1]);
};

interface Sample {
  readonly ms: number;
  readonly trades: number;
}

/** One set-up: `samples` positions on as many markets, each crashed once. */
async function crashes(
  settings: PriceSanitySettings,
  gapMs: number,
  firstPrice: number,
  samples: number,
): Promise<Sample[]> {
  const broker = createInProcessBroker();
  const actorBus = createInProcessBus({ broker });
  const driverBus = createInProcessBus({ broker });
  const store = new InMemoryEventStore();
  const service = await start({
    bus: actorBus,
    store,
    logger: createLogger({ service: 'position-actor', sinks: [] }),
    priceSanity: settings,
  });
  const outside = new Outside(driverBus);
  await outside.start();
  try {
    const ids: PositionId[] = await runStrategies(driverBus, samples, 4);
    if (!(await waitFor(() => outside.count('active') === samples, 30_000)))
      throw new Error('positions did not become active');
    const out: Sample[] = [];
    for (let i = 0; i < samples; i++) {
      const market = MARKETS[i % 100] as Market;
      const id = ids[i]!;
      // a few ordinary trades first: the market's recent history is around the entry price
      for (const p of [100_000_000, 100_010_000, 99_990_000])
        await driverBus.publish(subjects.mdTick(market), tickMessage(market, p));
      await service.idle();
      const sent: number[] = [];
      for (let k = 0; k < settings.confirmTrades + 3; k++) {
        if (outside.exits.get(id)?.core !== undefined) break;
        sent.push(performance.now());
        const price = firstPrice - k * 100_000;
        await driverBus.publish(subjects.mdTick(market), tickMessage(market, price));
        if (gapMs > 0) await sleep(gapMs);
        else await service.idle();
      }
      if (!(await waitFor(() => outside.exits.get(id)?.core !== undefined, 10_000)))
        throw new Error(`no exit on ${market}`);
      const at = outside.exits.get(id)!.core!;
      // which crash trade fired it: its price is in ExitTriggered (trade k is first − k × 100,000)
      const triggered = (await store.readStream(streamIdOf(id))).find(
        (e) => e.type === 'ExitTriggered',
      );
      const trigger = Number((triggered?.data as { triggerPrice?: string }).triggerPrice);
      out.push({ ms: at - sent[0]!, trades: Math.round((firstPrice - trigger) / 100_000) + 1 });
    }
    return out;
  } finally {
    await outside.stop();
    await service.stop();
    await actorBus.close();
    await driverBus.close();
  }
}

/** `TickGate.judge` on in-band ticks: ticks/s. */
function gateCost(count: number): number {
  const gate = new TickGate(DEFAULT_PRICE_SANITY);
  const market = 'KRW-BTC' as Market;
  const prices = Array.from({ length: 64 }, (_, i) => dec(100_000_000 + (i % 8) * 1000));
  const seed = () => [dec(100_000_000)];
  const t0 = performance.now();
  for (let i = 0; i < count; i++) gate.judge(market, { market, price: prices[i % 64]! }, seed);
  return count / ((performance.now() - t0) / 1000);
}

export async function run(): Promise<void> {
  const samples = flag('samples', 12);
  const rows: Row[] = [];
  const setups: [string, number, number][] = [
    // [label, confirmTrades, first crash price]
    ['in-band fall (control)', 2, 94_000_000],
    ['crash, no hold', 0, 80_000_000],
    ['crash, hold (default)', 2, 80_000_000],
    ['crash, hold 4', 4, 80_000_000],
  ];
  for (const gapMs of [0, 50, 200])
    for (const [label, confirmTrades, first] of setups) {
      const settings = { ...DEFAULT_PRICE_SANITY, confirmTrades };
      const s = await crashes(settings, gapMs, first, samples);
      const ms = s.map((x) => x.ms);
      const trades = s.map((x) => x.trades);
      rows.push({
        setup: label,
        'confirm trades': confirmTrades,
        'gap ms': gapMs,
        samples: s.length,
        'trades to exit (min)': Math.min(...trades),
        'trades to exit (max)': Math.max(...trades),
        'p50 ms': percentile(ms, 50),
        'p99 ms': percentile(ms, 99),
        'max ms': Math.max(...ms),
      });
      console.log(`  ${label}, gap ${gapMs} ms: done`);
    }
  const perSecond = gateCost(200_000);
  rows.push({ setup: 'TickGate.judge, in-band ticks', 'ticks/s': perSecond });
  printTable('tick gate: first crash trade -> exit PlaceOrder (position-actor, in process)', rows);
  const file = writeResults('tick-gate', rows, {
    band: '±10 % of the median of the last 5 accepted trades',
    bound:
      'a move beyond the band fires on its (confirmTrades + 1)-th trade: delay = confirmTrades × the gap between trades + the gate and decide path',
  });
  console.log(`\nwritten: ${file}`);
}
