/**
 * `npm run bench -- audit [--positions=N] [--rounds=N] [--reseed] [--no-split]`: a full
 * `hoga audit all` of a store of 100,000 positions (1,000,000 events, `audit-store.ts`; cached
 * between runs) end to end — `auditPostgres` as the CLI calls it, from the first query to the
 * report; each round with timelines (`audit all`, `--json`), without (`--summary`) and without
 * with the hash chains walked in a worker thread, interleaved — then (unless `--no-split`) one
 * instrumented pass that splits the same work into read (cursor fetch and decode), replay (the
 * position machine's fold, checks and timeline) and chain verification (canonical JSON and
 * SHA-256 of every event), and the read of 2,000 streams the way the audit read before (one
 * query per stream) against the cursor on the same streams.
 */
import os from 'node:os';
import pg from 'pg';
import { auditPostgres, AuditRun, type PostgresAuditOptions } from '@hoga/audit';
import { eventStreams } from '@hoga/contracts';
import { ChainWalk, PostgresEventStore, scanStreams } from '@hoga/event-store';
import { elapsedMs, printTable, writeResults, type Row } from './report.js';
import { auditBenchStore } from './audit-store.js';

const numberArg = (args: readonly string[], name: string, fallback: number): number => {
  const arg = args.find((a) => a.startsWith(`--${name}=`));
  const value = arg ? Number(arg.slice(name.length + 3)) : fallback;
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

/** The audits each round runs, interleaved. */
const VARIANTS: readonly { readonly name: string; readonly options: PostgresAuditOptions }[] = [
  { name: 'hoga audit all', options: { timelines: true } },
  { name: 'hoga audit all --summary', options: { timelines: false } },
  {
    name: 'hoga audit all --summary, chains in 1 worker thread',
    options: { timelines: false, chainWorkers: 1 },
  },
];

/** Streams of the per-stream comparison (the old read path is too slow for all of them). */
const SAMPLE_STREAMS = 2_000;

/**
 * This process's CPU time (user + system) since `from`, in ms: on a shared machine the wall
 * time counts the other jobs' turns too; this counts only the audit's own work (not PostgreSQL's).
 */
const cpuMsSince = (from: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
};

/** Runs `read` in a read-only repeatable-read transaction on its own connection. */
async function inSnapshot<A>(pool: pg.Pool, read: (c: pg.PoolClient) => Promise<A>): Promise<A> {
  const client = await pool.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    return await read(client);
  } finally {
    await client.query('rollback');
    client.release();
  }
}

/** One pass over every position event with the three parts timed apart. */
async function splitPass(pool: pg.Pool): Promise<Row> {
  return inSnapshot(pool, async (client) => {
    const run = new AuditRun({ kind: 'all' });
    const chains = new Map<string, ChainWalk>();
    let replayMs = 0;
    let chainMs = 0;
    let events = 0;
    const started = process.hrtime.bigint();
    for await (const batch of scanStreams(client, { prefix: eventStreams.positionPrefix })) {
      const t0 = process.hrtime.bigint();
      for (const row of batch) run.add(row);
      const t1 = process.hrtime.bigint();
      for (const row of batch) {
        let walk = chains.get(row.streamId);
        if (walk === undefined) chains.set(row.streamId, (walk = new ChainWalk()));
        walk.add(row);
      }
      chainMs += elapsedMs(t1);
      replayMs += Number(t1 - t0) / 1e6;
      events += batch.length;
    }
    const totalMs = elapsedMs(started);
    // `AuditRun.add` walks the chain too: what it costs there is the separate walk's time.
    const foldMs = replayMs - chainMs;
    return {
      pass: 'split (1 pass)',
      events,
      'read ms': totalMs - replayMs - chainMs,
      'replay ms': foldMs,
      'chain ms': chainMs,
      'read events/s': (events / (totalMs - replayMs - chainMs)) * 1000,
      'replay events/s': (events / foldMs) * 1000,
      'chain events/s': (events / chainMs) * 1000,
    };
  });
}

/** Reads `SAMPLE_STREAMS` streams one query each (the read before) and by cursor. */
async function sampleReads(pool: pg.Pool): Promise<Row[]> {
  return inSnapshot(pool, async (client) => {
    const { rows } = await client.query<{ stream_id: string }>(
      `select stream_id from streams where stream_id like $1 order by 1 limit $2`,
      [`${eventStreams.positionPrefix}%`, SAMPLE_STREAMS],
    );
    const ids = rows.map((r) => r.stream_id);
    const store = new PostgresEventStore(pool);
    let events = 0;
    let started = process.hrtime.bigint();
    for (const id of ids) events += (await store.readStream(id)).length;
    const perStreamMs = elapsedMs(started);
    let scanned = 0;
    started = process.hrtime.bigint();
    for await (const batch of scanStreams(client, { streamIds: ids })) scanned += batch.length;
    const cursorMs = elapsedMs(started);
    return [
      {
        pass: `read ${ids.length} streams, one query each (before)`,
        events,
        'read ms': perStreamMs,
        'read events/s': (events / perStreamMs) * 1000,
      },
      {
        pass: `read ${ids.length} streams, one cursor (now)`,
        events: scanned,
        'read ms': cursorMs,
        'read events/s': (scanned / cursorMs) * 1000,
      },
    ];
  });
}

/** Runs the benchmark (see the file comment). */
export async function run(args: string[]): Promise<void> {
  const positions = numberArg(args, 'positions', 100_000);
  const rounds = numberArg(args, 'rounds', 3);
  const adminUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
  const store = await auditBenchStore(adminUrl, positions, args.includes('--reseed'));
  console.log(
    store.seeded
      ? `seeded ${store.events.toLocaleString('en-US')} events in ${(store.seedMs / 1000).toFixed(0)} s`
      : `reusing the seeded store ${store.url} (${store.events.toLocaleString('en-US')} events; --reseed to write it again)`,
  );
  const pool = new pg.Pool({ connectionString: store.url, max: 2 });
  const loadBefore = os.loadavg()[0]!;
  const rows: Row[] = [];
  try {
    for (let round = 1; round <= rounds; round += 1) {
      // Paired and interleaved, in an order that turns round by round: the full report
      // (timelines kept: `hoga audit all`, `--json`) and the report `--summary` prints (no
      // timelines), as the CLI runs them; and `--summary` with the hash chains walked in a
      // worker thread (`chainWorkers: 1`, not the default: it does not pay on this machine).
      const turn = (round - 1) % VARIANTS.length;
      const order = [...VARIANTS.slice(turn), ...VARIANTS.slice(0, turn)];
      for (const variant of order) {
        const started = process.hrtime.bigint();
        const cpu = process.cpuUsage();
        const report = await auditPostgres(pool, { kind: 'all' }, variant.options);
        const ms = elapsedMs(started);
        const cpuMs = cpuMsSince(cpu);
        if (report.verdict !== 'clean' || report.totals.events !== store.events)
          throw new Error(
            `the audit of the seeded store is not clean over every event: ${report.verdict}, ` +
              `${report.totals.events} of ${store.events} events, ${report.totals.discrepancies} discrepancies`,
          );
        rows.push({
          pass: `${variant.name}, end to end (${round})`,
          events: report.totals.events,
          'total s': ms / 1000,
          'events/s': (report.totals.events / ms) * 1000,
          'node cpu s': cpuMs / 1000,
          'events/cpu s': (report.totals.events / cpuMs) * 1000,
          'heap MB': process.memoryUsage().heapUsed / 2 ** 20,
        });
      }
    }
    // `--no-split`: only the end-to-end rounds (a loaded machine takes minutes per pass).
    if (!args.includes('--no-split')) {
      rows.push(await splitPass(pool));
      rows.push(...(await sampleReads(pool)));
    }
  } finally {
    await pool.end();
  }
  const load = { before: loadBefore, after: os.loadavg()[0]! };
  printTable(
    `hoga audit: ${store.events.toLocaleString('en-US')} stored events, ${os.cpus().length} CPUs, ` +
      `1-min load ${load.before.toFixed(1)} -> ${load.after.toFixed(1)}`,
    rows,
  );
  const file = writeResults('audit', rows, {
    positions,
    events: store.events,
    rounds,
    load,
    seeded: store.seeded,
  });
  console.log(`\nwrote ${file}`);
}
