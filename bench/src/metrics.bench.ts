/**
 * `npm run bench -- metrics`: what recording metrics costs the tick path (ADR 0056), metrics
 * off vs on, paired and interleaved (off, on, off, on, ...) in one run:
 * - market-feed's publishing path (`measureTickThroughput`: frame -> tick -> candles -> in-process
 *   bus), with the tick counter and last-tick ages recorded or not;
 * - position-actor with 300 active positions over 100 markets (in-process bus, in-memory store),
 *   quiet ticks until processed, started without metrics or with a process's metrics (the
 *   tick -> order timing armed, positions/outbox/backlog gauges registered) and scraped every
 *   second while it runs (Prometheus scrapes every 15 s: pessimistic).
 * Flags: `--rounds=N` (pairs, default 3), `--feed-ticks=N` (default 100,000),
 * `--actor-ticks=N` (default 20,000).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldMacrotask } from 'node:timers/promises';
import { createInProcessBroker, createInProcessBus } from '@hoga/bus';
import { subjects } from '@hoga/contracts';
import { InMemoryEventStore } from '@hoga/event-store';
import { measureTickThroughput } from '@hoga/market-feed/testing';
import { DEFAULT_PRICE_SANITY } from '@hoga/position';
import { startService as start } from '@hoga/position-actor/testing';
import {
  createLogger,
  METRICS_DEFAULTS,
  startProcessMetrics,
  type ProcessMetrics,
} from '@hoga/telemetry';
import {
  MARKETS,
  Outside,
  quietTicks,
  runStrategies,
  tickMessage,
  waitFor,
} from './engine-world.js';
import { printTable, writeResults, type Row } from './report.js';
import { positiveArg } from './bench-args.js';

const POSITIONS = 300;
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Scrapes `/metrics` every second until stopped (as a Prometheus would, more often). */
function scraping(metrics: ProcessMetrics | undefined): { scrapes: () => number; stop(): void } {
  let n = 0;
  if (metrics === undefined) return { scrapes: () => 0, stop: () => undefined };
  const timer = setInterval(() => {
    void fetch(metrics.metricsUrl)
      .then((r) => r.text())
      .then(() => (n += 1));
  }, 1000);
  return { scrapes: () => n, stop: () => clearInterval(timer) };
}

async function feedRound(on: boolean, ticks: number): Promise<number> {
  const metrics = on
    ? await startProcessMetrics({ service: 'bench', settings: METRICS_DEFAULTS })
    : undefined;
  try {
    const r = await measureTickThroughput({
      ticks,
      markets: 20,
      ...(metrics ? { meter: metrics.meter } : {}),
    });
    return r.ticksPerSecond;
  } finally {
    await metrics?.stop();
  }
}

async function actorRound(on: boolean, count: number): Promise<{ tps: number; scrapes: number }> {
  const broker = createInProcessBroker();
  const actorBus = createInProcessBus({ broker });
  const driverBus = createInProcessBus({ broker });
  const store = new InMemoryEventStore();
  const outside = new Outside(driverBus);
  await outside.start();
  const metrics = on
    ? await startProcessMetrics({ service: 'bench', settings: METRICS_DEFAULTS })
    : undefined;
  let delivered = 0;
  await actorBus.subscribe(subjects.mdTick('*'), () => void (delivered += 1));
  const service = await start({
    bus: actorBus,
    store,
    logger: createLogger({ service: 'position-actor', level: 'error', sinks: [] }),
    priceSanity: { ...DEFAULT_PRICE_SANITY, confirmTrades: 0 },
    ...(metrics ? { metrics } : {}),
  });
  const scraper = scraping(metrics);
  try {
    await runStrategies(driverBus, POSITIONS, 32);
    if (!(await waitFor(() => outside.count('active') >= POSITIONS, 120_000, 20)))
      throw new Error(`only ${outside.count('active')} of ${POSITIONS} positions became active`);
    await service.idle();
    const ticks = quietTicks(count);
    const delivered0 = delivered;
    const began = performance.now();
    let inFlight: Promise<void>[] = [];
    for (let i = 0; i < ticks.length; i++) {
      const { market, price } = ticks[i]!;
      inFlight.push(driverBus.publish(subjects.mdTick(market), tickMessage(market, price)));
      if (inFlight.length >= 64) {
        await Promise.all(inFlight);
        inFlight = [];
      }
      if (i % 200 === 199) {
        await yieldMacrotask();
        while (i + 1 - (delivered - delivered0) > 2000) await yieldMacrotask();
      }
    }
    await Promise.all(inFlight);
    await waitFor(() => delivered - delivered0 >= count, 120_000, 1);
    await service.idle();
    const ms = performance.now() - began;
    return { tps: ((delivered - delivered0) / ms) * 1000, scrapes: scraper.scrapes() };
  } finally {
    scraper.stop();
    await service.stop();
    await metrics?.stop();
    await outside.stop();
    await driverBus.close();
    await actorBus.close();
  }
}

export async function run(args: string[]): Promise<void> {
  const rounds = positiveArg(args, 'rounds', 3);
  const feedTicks = positiveArg(args, 'feed-ticks', 100_000);
  const actorTicks = positiveArg(args, 'actor-ticks', 20_000);
  const load0 = os.loadavg();
  const feed = { off: [] as number[], on: [] as number[] };
  const actor = { off: [] as number[], on: [] as number[] };
  let scrapes = 0;
  for (let r = 0; r < rounds; r++) {
    for (const on of [false, true]) {
      feed[on ? 'on' : 'off'].push(await feedRound(on, feedTicks));
      const a = await actorRound(on, actorTicks);
      actor[on ? 'on' : 'off'].push(a.tps);
      scrapes += a.scrapes;
      console.log(
        `round ${r + 1} metrics ${on ? 'on ' : 'off'}: feed ${Math.round(feed[on ? 'on' : 'off'].at(-1)!)} ticks/s, position-actor ${Math.round(a.tps)} ticks/s`,
      );
    }
  }
  const load1 = os.loadavg();
  const row = (what: string, s: { off: number[]; on: number[] }): Row => {
    const off = median(s.off);
    const on = median(s.on);
    return {
      path: what,
      'off ticks/s (median)': Math.round(off),
      'on ticks/s (median)': Math.round(on),
      'cost %': ((off - on) / off) * 100,
      'off runs': s.off.map(Math.round).join(' '),
      'on runs': s.on.map(Math.round).join(' '),
    };
  };
  const rows = [
    row(`market-feed publish (${feedTicks} ticks, 20 markets)`, feed),
    row(
      `position-actor (${POSITIONS} positions, ${MARKETS.length} markets, ${actorTicks} ticks)`,
      actor,
    ),
  ];
  printTable('metrics off vs on (paired, interleaved)', rows);
  const load = `load average ${load0.map((l) => l.toFixed(2)).join(' ')} -> ${load1.map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} CPUs`;
  console.log(`${load}; ${scrapes} scrapes during the "on" position-actor runs`);
  const file = writeResults('metrics', rows, { rounds, load0, load1, scrapes });
  console.log(`wrote ${file}`);
}
