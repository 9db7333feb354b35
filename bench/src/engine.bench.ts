/**
 * `npm run bench -- engine`: position-actor as a whole (services/position-actor `start()`), with
 * 1,000 active positions over 100 markets, on three set-ups:
 * - in-process bus + in-memory store (the pure in-process figure),
 * - in-process bus + PostgreSQL store (the all-in-one composition: memory index, solo leases),
 * - NATS + PostgreSQL (the process composition: PostgreSQL position index and leases).
 * Per set-up: sustained ticks/s after an unreported warm-up round of 10,000 ticks (ticks published on `hoga.md.tick.<market>` by a simulated
 * market-feed, until position-actor delivered and processed them; the actor coalesces queued
 * ticks, so evaluations processed vs delivered are both reported) and latency from a tick that
 * crosses one position's take-profit to its exit `PlaceOrder` on `hoga.order.cmd` (core observer
 * and the executor's durable work-queue consumer), with the append of `ExitOrderRequested` timed
 * in between. Then, on PostgreSQL: restart time with the 1,000 positions and as many stored
 * events as the filler wrote in its time box, until trading again (a take-profit tick published
 * after `start()` resolved produced its exit PlaceOrder). Plus market-feed's own ticks/s.
 * Flags: `--ticks=N` (in-process, default 30,000), `--nats-ticks=N` (default 10,000),
 * `--events=N` (filler target, default 1,000,000), `--fill-seconds=S` (default 60),
 * `--only=memory,aio,nats` (set-ups), `--no-restart`.
 * `--compare=<dir>`: only the in-process throughput, this build against another build's
 * `bench/dist` in one process, rounds interleaved (`--rounds=N`, default 20, of `--ticks`,
 * default 4,000, each; see `engine-compare.ts`).
 */
import os from 'node:os';
import { measureTickThroughput } from '@hoga/market-feed/testing';
import type { Filler } from './engine-history.js';
import { compareBuilds } from './engine-compare.js';
import { offPathCost, tracingRounds } from './engine-tracing.js';
import { latency } from './engine-exit-latency.js';
import { restarts } from './engine-restart.js';
import { LABEL, openWorld, populate, POSITIONS, type SetupName } from './engine-setups.js';
import { throughput } from './engine-throughput.js';
import { MARKETS } from './engine-world.js';
import { printTable, writeResults, type Row } from './report.js';
import { positiveArg, textArg } from './bench-args.js';

/** Ticks of the unreported warm-up round before each set-up's throughput round. */
const WARM_UP_TICKS = 10_000;

/**
 * `--only=tracing`: the in-process set-up with tracing off / on (ADR 0057), interleaved rounds
 * (`--rounds=N`, default 5, of `--ticks` each), and the off path's cost per call.
 */
async function runTracing(args: string[]): Promise<void> {
  const ticks = positiveArg(args, 'ticks', 30_000);
  const world = await openWorld('memory');
  let rows: Row[];
  try {
    const { service } = await populate(world);
    await throughput(world, service, ticks); // warm-up, not reported
    rows = await tracingRounds(
      (count, tickOptions) => throughput(world, service, count, tickOptions),
      positiveArg(args, 'rounds', 5),
      ticks,
    );
    await service.stop();
  } finally {
    await world.close();
  }
  const off = offPathCost();
  printTable('Tracing off / on: sustained ticks/s, in-process set-up (interleaved rounds)', rows);
  printTable('The tracing-off path itself', [off]);
  const file = writeResults('engine-tracing', [...rows, off], {
    loadAverage: os.loadavg(),
    positions: POSITIONS,
    markets: MARKETS.length,
    notes: [
      'on: spans go to an exporter that counts them (BatchSpanProcessor, no network); the ticks carry a traceparent from a send span as market-feed does',
      'off vs no tracing code: the off path is a flag test per call site; its ns per call is measured directly and set against the µs per tick',
    ],
  });
  console.log(`\nwrote ${file}`);
}

/** `--compare=<dir>`: this build's in-process throughput against another build's, interleaved. */
async function runCompare(args: string[], dir: string): Promise<void> {
  const rounds = positiveArg(args, 'rounds', 20);
  const ticks = positiveArg(args, 'ticks', 4_000);
  const rows = await compareBuilds(dir, rounds, ticks);
  printTable(
    'In-process throughput, this build and another side by side (interleaved rounds)',
    rows,
  );
  const file = writeResults('engine-compare', rows, {
    loadAverage: os.loadavg(),
    positions: POSITIONS,
    markets: MARKETS.length,
    compare: dir,
    notes: [
      'both builds run in one process (each its own libs), their rounds interleaved and the order swapped every round',
      'ratio: this build µs/tick over the other build µs/tick in the same pair of rounds; < 1 is faster',
    ],
  });
  console.log(`\nwrote ${file}`);
}

export async function run(args: string[]): Promise<void> {
  if (textArg(args, 'only') === 'tracing') return runTracing(args);
  const compareDir = textArg(args, 'compare');
  if (compareDir !== undefined) return runCompare(args, compareDir);
  const only = (textArg(args, 'only') ?? 'memory,aio,nats').split(',') as SetupName[];
  const inProcessTicks = positiveArg(args, 'ticks', 30_000);
  const natsTicks = positiveArg(args, 'nats-ticks', 10_000);
  const targetEvents = positiveArg(args, 'events', 1_000_000);
  const fillSeconds = positiveArg(args, 'fill-seconds', 60);
  const doRestart = !args.includes('--no-restart');
  const throughputRows: Row[] = [];
  const latencyRows: Row[] = [];
  const setupRows: Row[] = [];
  let restartRows: Row[] = [];
  let filler: Filler | undefined;
  const warnings: Record<string, string[]> = {};
  for (const name of only) {
    const world = await openWorld(name);
    try {
      const { service, ids, ms } = await populate(world);
      setupRows.push({ setup: LABEL[name], positions: ids.length, 'ms to 1,000 active': ms });
      const ticks = name === 'nats' ? natsTicks : inProcessTicks;
      // A warm-up round first (not reported): the rate measured is the sustained one, after the
      // JIT compiled the tick path, not the first seconds of a process.
      await throughput(world, service, Math.min(ticks, WARM_UP_TICKS));
      throughputRows.push(await throughput(world, service, ticks));
      latencyRows.push(await latency(world, ids, 60_000));
      await service.stop();
      if (name === 'nats' && doRestart) {
        const r = await restarts(world, ids, targetEvents, fillSeconds);
        restartRows = r.rows;
        filler = r.filler;
      }
    } finally {
      warnings[name] = [...new Set(world.logs.map((l) => `${l.level}: ${l.msg}`))];
      await world.close();
    }
  }
  const feedRows: Row[] = [];
  for (const [ticks, markets] of [
    [50_000, 4],
    [20_000, 100],
  ] as const) {
    const feed = await measureTickThroughput({ ticks, markets, subscribe: true });
    feedRows.push({
      measure: `market-feed frame → tick + candles published, ${markets} markets`,
      ticks: feed.ticks,
      delivered: feed.delivered,
      'candle messages': feed.candles,
      'ticks/s': Math.round(feed.ticksPerSecond),
    });
  }
  printTable(
    'Set-up: 1,000 positions over 100 markets made active (simulated executor)',
    setupRows,
  );
  printTable(
    'Sustained ticks (10 positions per market; evaluations = ticks × positions reached)',
    throughputRows,
  );
  printTable('Take-profit tick → exit PlaceOrder (one position crossed per tick)', latencyRows);
  if (restartRows.length > 0)
    printTable('Restart until trading again (NATS, PostgreSQL)', restartRows);
  printTable("market-feed's own throughput (measureTickThroughput)", feedRows);
  const file = writeResults(
    'engine',
    [...setupRows, ...throughputRows, ...latencyRows, ...restartRows, ...feedRows],
    {
      loadAverage: os.loadavg(),
      positions: POSITIONS,
      markets: MARKETS.length,
      filler,
      warnings,
      goals: {
        p99MsInProcess: 1,
        p99MsNats: 5,
        ticksPerSecondInProcess: 100_000,
        tradingAgainAfterRestartMs: 3000,
        storedEventsAtRestart: 1_000_000,
      },
      notes: [
        'everything runs in one Node process on 2 cores beside PostgreSQL and nats-server: the simulated market-feed and executor share the event loop with position-actor',
        'ticks/s: every tick is encoded + checked by the publishing bus and decoded by position-actor (io-ts, ~17 µs per message each side per the bus bench); one tick reaches 10 actors; a tick waiting in an actor queue is replaced by a newer one (coalesced)',
        'latency: decide → append (ExitOrderRequested + outbox row, one transaction) → relay woken by the append (its 200 ms poll is not on the path) → pendingOutbox read → publishDurable (JetStream ack on NATS) → markOutboxSent; "PlaceOrder" = a core subscriber saw the publish, "work-queue" = the executor’s durable consumer got it',
        'restart: "until trading again" = start() resolved and a take-profit tick published right after it produced its exit PlaceOrder; filler = closed positions (17 events each) appended through the event store in a time box',
      ],
    },
  );
  console.log(`\nwrote ${file}`);
}
