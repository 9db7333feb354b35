/**
 * `npm run bench -- engine`: position-actor as a whole (services/position-actor `start()`), with
 * 1,000 active positions over 100 markets, on three set-ups:
 * - in-process bus + in-memory store (the pure in-process figure),
 * - in-process bus + PostgreSQL store (the all-in-one composition: memory index, solo leases),
 * - NATS + PostgreSQL (the process composition: PostgreSQL position index and leases).
 * Per set-up: sustained ticks/s (ticks published on `hoga.md.tick.<market>` by a simulated
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
 */
import { randomInt } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldMacrotask } from 'node:timers/promises';
import pg from 'pg';
import {
  connectNatsBus,
  createInProcessBroker,
  createInProcessBus,
  removeNatsNamespace,
  type Bus,
  type PublishOptions,
} from '@hoga/bus';
import { eventStreams, subjects } from '@hoga/contracts';
import { InMemoryEventStore, PostgresEventStore, type EventStore } from '@hoga/event-store';
import { PostgresLeaseBackend } from '@hoga/leases';
import { measureTickThroughput } from '@hoga/market-feed/testing';
import type { PositionId } from '@hoga/model';
import { DEFAULT_PRICE_SANITY } from '@hoga/position';
import {
  PostgresPositionIndex,
  type PositionActorOptions,
  type PositionActorService,
} from '@hoga/position-actor';
import { measureRestart, startService as start } from '@hoga/position-actor/testing';
import { createLogger, type LogRecord } from '@hoga/telemetry';
import { createTestSchema, testNamespace, testNatsUrl, type TestSchema } from '@hoga/testkit';
import { appendFiller, type Filler } from './engine-history.js';
import { offPathCost, tracingRounds } from './engine-tracing.js';
import { countingClock, probingBus, timingStore } from './engine-probes.js';
import {
  MARKETS,
  Outside,
  quietTicks,
  runStrategies,
  takeProfitPrice,
  tickMessage,
  waitFor,
} from './engine-world.js';
import { percentile, printTable, writeResults, type Row } from './report.js';
import { positiveArg, textArg } from './bench-args.js';

const POSITIONS = 1000;
/** Take-profit rungs used by the latency samples (rungs 0-2: 300 positions); later rungs stay active. */
const LATENCY_RUNGS = 3;

type SetupName = 'memory' | 'aio' | 'nats';
const LABEL: Record<SetupName, string> = {
  memory: 'in-process bus, in-memory store',
  aio: 'in-process bus, PostgreSQL (all-in-one)',
  nats: 'NATS, PostgreSQL (process config)',
};

interface World {
  readonly name: SetupName;
  readonly actorBus: Bus;
  readonly driverBus: Bus;
  readonly store: EventStore;
  readonly schema?: TestSchema;
  readonly pool?: pg.Pool;
  readonly options: () => PositionActorOptions;
  readonly outside: Outside;
  readonly probes: {
    readonly bus: ReturnType<typeof probingBus>;
    readonly store: ReturnType<typeof timingStore>;
    readonly clock: ReturnType<typeof countingClock>;
  };
  readonly logs: LogRecord[];
  close(): Promise<void>;
}

async function openWorld(name: SetupName): Promise<World> {
  const logs: LogRecord[] = [];
  const logger = createLogger({
    service: 'position-actor',
    level: 'warn',
    sinks: [(r) => void logs.push(r)],
  });
  const namespace = testNamespace(`bench_${name}`);
  let actorBus: Bus;
  let driverBus: Bus;
  let natsUrl: string | undefined;
  if (name === 'nats') {
    natsUrl = await testNatsUrl();
    actorBus = await connectNatsBus({ servers: natsUrl, namespace, name: 'bench-position-actor' });
    driverBus = await connectNatsBus({ servers: natsUrl, namespace, name: 'bench-outside' });
  } else {
    const broker = createInProcessBroker();
    actorBus = createInProcessBus({ broker, namespace });
    driverBus = createInProcessBus({ broker, namespace });
  }
  let store: EventStore;
  let schema: TestSchema | undefined;
  let pool: pg.Pool | undefined;
  if (name === 'memory') store = new InMemoryEventStore();
  else {
    schema = await createTestSchema(`bench_${name}`);
    const pgStore = new PostgresEventStore({ ...schema.poolConfig, max: 10 });
    await pgStore.migrate();
    store = pgStore;
    pool = new pg.Pool({ ...schema.poolConfig, max: 4 });
  }
  const probes = {
    bus: probingBus(actorBus),
    store: timingStore(store),
    clock: countingClock(),
  };
  // Advisory locks are database-wide: a class of our own keeps other suites' leases apart.
  const leaseClass = 0x42454e00 + randomInt(0, 255);
  const options = (): PositionActorOptions => ({
    bus: probes.bus.bus,
    store: probes.store.store,
    logger,
    now: probes.clock.now,
    snapshotEvery: 50,
    stateThrottleMs: 1000,
    // Take-profit rungs reach +10.5 % in one tick: the tick gate runs, its hold does not (ADR
    // 0024; what the hold adds to a real move is measured by `npm run bench -- tick-gate`).
    priceSanity: { ...DEFAULT_PRICE_SANITY, confirmTrades: 0 },
    ...(name === 'nats' && schema && pool
      ? {
          index: new PostgresPositionIndex(pool),
          partitions: {
            leases: new PostgresLeaseBackend(
              { connectionString: schema.connectionString },
              leaseClass,
            ),
          },
        }
      : {}),
  });
  const outside = new Outside(driverBus);
  await outside.start();
  return {
    name,
    actorBus,
    driverBus,
    store,
    ...(schema ? { schema } : {}),
    ...(pool ? { pool } : {}),
    options,
    outside,
    probes,
    logs,
    async close() {
      await outside.stop();
      await driverBus.close();
      await actorBus.close();
      await store.close();
      await pool?.end();
      await schema?.dispose();
      if (natsUrl) await removeNatsNamespace({ servers: natsUrl, namespace });
    },
  };
}

/** Starts position-actor and makes 1,000 positions active (entries answered by the simulated executor). */
async function populate(
  world: World,
): Promise<{ service: PositionActorService; ids: PositionId[]; ms: number }> {
  const began = performance.now();
  const service = await start(world.options());
  const ids = await runStrategies(world.driverBus, POSITIONS, 32);
  const active = await waitFor(() => world.outside.count('active') >= POSITIONS, 400_000, 20);
  if (!active)
    throw new Error(
      `only ${world.outside.count('active')} of ${POSITIONS} positions became active (${world.outside.entriesAnswered} entries answered)`,
    );
  await service.idle();
  return { service, ids, ms: performance.now() - began };
}

/** Sustained ticks/s: `count` quiet ticks, at most `window` published but not yet delivered. */
async function throughput(
  world: World,
  service: PositionActorService,
  count: number,
  tickOptions: () => PublishOptions = () => ({}),
): Promise<Row> {
  const { bus, store, clock } = world.probes;
  const ticks = quietTicks(count);
  await service.idle();
  const delivered0 = bus.counters.ticksDelivered;
  const iso0 = clock.isoCalls();
  const states0 = bus.counters.statePublishes;
  const appends0 = store.appends.count;
  const window = 2000;
  const cpu0 = process.cpuUsage();
  const began = performance.now();
  // Publishes pipelined (64 in flight, as market-feed's publisher does), never awaited one by one.
  let inFlight: Promise<void>[] = [];
  for (let i = 0; i < ticks.length; i++) {
    const { market, price } = ticks[i]!;
    const message = tickMessage(market, price);
    inFlight.push(world.driverBus.publish(subjects.mdTick(market), message, tickOptions()));
    if (inFlight.length >= 64) {
      await Promise.all(inFlight);
      inFlight = [];
    }
    if (i % 200 === 199) {
      await yieldMacrotask();
      while (i + 1 - (bus.counters.ticksDelivered - delivered0) > window) await yieldMacrotask();
    }
  }
  await Promise.all(inFlight);
  const published = performance.now() - began;
  await waitFor(() => bus.counters.ticksDelivered - delivered0 >= count, 120_000, 1);
  await service.idle();
  const ms = performance.now() - began;
  const cpu = process.cpuUsage(cpu0);
  const delivered = bus.counters.ticksDelivered - delivered0;
  const statePublishes = bus.counters.statePublishes - states0;
  const evaluations = clock.isoCalls() - iso0 - statePublishes;
  const reached = delivered * (POSITIONS / MARKETS.length);
  return {
    setup: LABEL[world.name],
    'ticks published': count,
    'ticks delivered': delivered,
    'ticks/s': Math.round((delivered / ms) * 1000),
    'publish-side ticks/s': Math.round((count / published) * 1000),
    'evaluations due': reached,
    'evaluations processed': evaluations,
    'coalesced %': ((reached - evaluations) / reached) * 100,
    'evaluations/s': Math.round((evaluations / ms) * 1000),
    appends: store.appends.count - appends0,
    'state publishes': statePublishes,
    'process CPU %': ((cpu.user + cpu.system) / 1000 / ms) * 100,
  };
}

/** Latency samples: one take-profit tick per (rung, market), each crossing exactly one position. */
async function latency(world: World, ids: readonly PositionId[], maxMs: number): Promise<Row> {
  const core: number[] = [];
  const durable: number[] = [];
  const appended: number[] = [];
  let missed = 0;
  const began = performance.now();
  for (let k = 0; k < LATENCY_RUNGS && performance.now() - began < maxMs; k++)
    for (let m = 0; m < MARKETS.length && performance.now() - began < maxMs; m++) {
      const id = ids[k * MARKETS.length + m]!;
      const market = MARKETS[m]!;
      const seen = world.outside.exitSeen(id);
      const t0 = performance.now();
      await world.driverBus.publish(
        subjects.mdTick(market),
        tickMessage(market, takeProfitPrice(k)),
      );
      const ok = await Promise.race([
        seen.then(() => true),
        new Promise<false>((r) => setTimeout(() => r(false), 5000)),
      ]);
      const exit = world.outside.exits.get(id);
      const at = world.probes.store.exitAppendedAt.get(eventStreams.position(id));
      if (!ok || exit?.core === undefined || exit.durable === undefined || at === undefined) {
        missed += 1;
        continue;
      }
      core.push(exit.core - t0);
      durable.push(exit.durable - t0);
      appended.push(at - t0);
    }
  return {
    setup: LABEL[world.name],
    samples: core.length,
    missed,
    'append p50 ms': percentile(appended, 50),
    'append p99 ms': percentile(appended, 99),
    'PlaceOrder p50 ms': percentile(core, 50),
    'PlaceOrder p99 ms': percentile(core, 99),
    'PlaceOrder max ms': percentile(core, 100),
    'work-queue p50 ms': percentile(durable, 50),
    'work-queue p99 ms': percentile(durable, 99),
  };
}

/** One restart until trading again: `start()`, then a take-profit tick → its exit PlaceOrder. */
async function restartOnce(
  world: World,
  label: string,
  options: PositionActorOptions,
  id: PositionId,
  market: (typeof MARKETS)[number],
  rung: number,
): Promise<Row> {
  let startMs = Number.NaN;
  let tradeMs = Number.NaN;
  const measured = await measureRestart(async () => {
    const t = performance.now();
    const service = await start(options);
    startMs = performance.now() - t;
    const seen = world.outside.exitSeen(id);
    const t1 = performance.now();
    await world.driverBus.publish(
      subjects.mdTick(market),
      tickMessage(market, takeProfitPrice(rung)),
    );
    const ok = await Promise.race([
      seen.then(() => true),
      new Promise<false>((r) => setTimeout(() => r(false), 10_000)),
    ]);
    const core = world.outside.exits.get(id)?.core;
    if (ok && core !== undefined) tradeMs = core - t1;
    return service;
  });
  return {
    restart: label,
    'start() ms': startMs,
    'tick → exit PlaceOrder ms': tradeMs,
    'until trading again ms': measured.ms,
    rehydrated: measured.rehydrated,
  };
}

async function countEvents(pool: pg.Pool): Promise<number> {
  const r = await pool.query<{ n: string }>('select count(*)::text as n from events');
  return Number(r.rows[0]?.n ?? 0);
}

async function restarts(
  world: World,
  ids: readonly PositionId[],
  targetEvents: number,
  fillSeconds: number,
): Promise<{ rows: Row[]; filler: Filler; storedEvents: number }> {
  const filler = await appendFiller(world.store, targetEvents, fillSeconds * 1000);
  const storedEvents = world.pool
    ? await countEvents(world.pool).catch(() => Number.NaN)
    : Number.NaN;
  const rows: Row[] = [];
  // Market 0, rungs 3.. (still active after the latency samples): one position per restart.
  const next = (() => {
    let rung = LATENCY_RUNGS;
    return () => {
      const r = rung++;
      return { id: ids[r * MARKETS.length]!, market: MARKETS[0]!, rung: r };
    };
  })();
  const processConfig = () => world.options();
  // The all-in-one composition (tools/all-in-one): solo leases, the durable PostgreSQL index.
  const allInOne = (): PositionActorOptions => {
    const { partitions: _partitions, ...rest } = world.options();
    return rest;
  };
  // Before ADR 0064 the all-in-one kept its index in memory: rebuilt from every stored event.
  const memoryIndex = (): PositionActorOptions => {
    const { index: _index, partitions: _partitions, ...rest } = world.options();
    return rest;
  };
  const restart = async (label: string, options: PositionActorOptions) => {
    const p = next();
    rows.push(await restartOnce(world, label, options, p.id, p.market, p.rung));
  };
  await restart('PG index, first start after the filler (index catches up)', processConfig());
  await restart('PG index, restart (index current) — process config', processConfig());
  // Before and after in one run, interleaved: after, before, after, before.
  for (let round = 1; round <= 2; round++) {
    await restart(`after: all-in-one (PG index, solo leases), round ${String(round)}`, allInOne());
    await restart(
      `before: memory index (the all-in-one until ADR 0064), round ${String(round)}`,
      memoryIndex(),
    );
  }
  return { rows: rows.map((r) => ({ ...r, 'stored events': storedEvents })), filler, storedEvents };
}

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

export async function run(args: string[]): Promise<void> {
  if (textArg(args, 'only') === 'tracing') return runTracing(args);
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
      throughputRows.push(
        await throughput(world, service, name === 'nats' ? natsTicks : inProcessTicks),
      );
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
