/**
 * `npm run bench -- event-store`: durable append throughput and latency of hoga's PostgreSQL
 * event store against Emmett's (`@event-driven-io/emmett-postgresql`) on the same fresh
 * database in the same run, for single events and batches of 10 and 100, with 1 and 8
 * concurrent writers, then read-all throughput. `--scale=0.5` shrinks the counts.
 * `--chain`: instead of Emmett, hoga's append as it was before the hash chain (ADR 0051), to
 * measure what chaining costs (appends only).
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { eventStreams } from '@hoga/contracts';
import type { PositionId } from '@hoga/model';
import { elapsedMs, percentile, printTable, writeResults } from './report.js';
import type { Row } from './report.js';
import { createBenchDatabase, durabilitySettings } from './event-store-database.js';
import {
  emmettContender,
  hogaContender,
  positionEvent,
  unchainedHogaContender,
} from './event-store-contenders.js';
import type { Contender } from './event-store-contenders.js';

interface Workload {
  readonly batch: number;
  readonly writers: number;
  readonly appends: number;
}

/** Streams each writer rotates through, so appends go to existing streams with expected versions. */
const STREAMS_PER_WRITER = 16;

/** Each workload runs in this many alternating rounds per store. */
const ROUNDS = 8;

/** Runs one workload; every append carries the expected version of its stream. */
async function measureAppends(
  contender: Contender,
  workload: Workload,
): Promise<{ wallMs: number; latencies: number[] }> {
  const run = randomUUID().slice(0, 8);
  const perWriter = Math.ceil(workload.appends / workload.writers);
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: workload.writers }, async (_, writer) => {
      const versions = new Array<number>(STREAMS_PER_WRITER).fill(0);
      for (let i = 0; i < perWriter; i += 1) {
        const k = i % STREAMS_PER_WRITER;
        const streamId = eventStreams.position(`${run}-${writer}-${k}` as PositionId);
        const events = Array.from({ length: workload.batch }, () => positionEvent(streamId));
        const t0 = process.hrtime.bigint();
        await contender.append(streamId, events, versions[k]!);
        latencies.push(elapsedMs(t0));
        versions[k]! += workload.batch;
      }
    }),
  );
  return { wallMs: elapsedMs(started), latencies };
}

async function checkpoint(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('checkpoint');
  await client.end();
}

const scaleOf = (args: readonly string[]): number => {
  const arg = args.find((a) => a.startsWith('--scale='));
  const scale = arg ? Number(arg.slice('--scale='.length)) : 1;
  return Number.isFinite(scale) && scale > 0 ? scale : 1;
};

/** Runs the benchmark (see the file comment). */
export async function run(args: string[]): Promise<void> {
  const scale = scaleOf(args);
  const chain = args.includes('--chain');
  const workloads: Workload[] = [
    { batch: 1, writers: 1, appends: 6000 },
    { batch: 1, writers: 8, appends: 10000 },
    { batch: 10, writers: 1, appends: 2000 },
    { batch: 10, writers: 8, appends: 3000 },
    { batch: 100, writers: 1, appends: 300 },
    { batch: 100, writers: 8, appends: 500 },
  ].map((w) => ({ ...w, appends: Math.max(w.writers * 4, Math.round(w.appends * scale)) }));

  const loadBefore = os.loadavg()[0]!;
  const adminUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
  const database = await createBenchDatabase(adminUrl);
  const contenders: Contender[] = [];
  try {
    const settings = await durabilitySettings(database.url);
    if (settings['synchronous_commit'] !== 'on')
      throw new Error(`synchronous_commit is ${settings['synchronous_commit']}, not on`);
    contenders.push(
      await hogaContender(database.url),
      await (chain ? unchainedHogaContender(database.url) : emmettContender(database.url)),
    );
    const [us, them] = contenders.map((c) => c.name) as [string, string];
    for (const c of contenders) await measureAppends(c, { batch: 1, writers: 4, appends: 400 }); // warm up pools and plans

    const rows: Row[] = [];
    const ratios: Row[] = [];
    for (const workload of workloads) {
      // Rounds alternate the order (A B, B A, ...) so both stores meet the same background noise.
      const samples = new Map(
        contenders.map((c) => [c.name, { wallMs: 0, latencies: [] as number[] }]),
      );
      for (let round = 0; round < ROUNDS; round += 1) {
        const order = round % 2 === 0 ? contenders : [...contenders].reverse();
        for (const contender of order) {
          await checkpoint(database.url);
          const { wallMs, latencies } = await measureAppends(contender, {
            ...workload,
            appends: Math.ceil(workload.appends / ROUNDS),
          });
          const sample = samples.get(contender.name)!;
          sample.wallMs += wallMs;
          sample.latencies.push(...latencies);
        }
      }
      const measured = new Map<string, { eventsPerSec: number; p50: number; p99: number }>();
      for (const contender of contenders) {
        const { wallMs, latencies } = samples.get(contender.name)!;
        const result = {
          eventsPerSec: ((latencies.length * workload.batch) / wallMs) * 1000,
          p50: percentile(latencies, 50),
          p99: percentile(latencies, 99),
        };
        measured.set(contender.name, result);
        rows.push({
          store: contender.name,
          batch: workload.batch,
          writers: workload.writers,
          appends: latencies.length,
          'appends/s': (latencies.length / wallMs) * 1000,
          'events/s': result.eventsPerSec,
          'p50 ms': result.p50,
          'p99 ms': result.p99,
        });
      }
      const [ours, theirs] = [measured.get(us)!, measured.get(them)!];
      ratios.push({
        batch: workload.batch,
        writers: workload.writers,
        [`${us} events/s`]: ours.eventsPerSec,
        [`${them} events/s`]: theirs.eventsPerSec,
        'throughput ratio': ours.eventsPerSec / theirs.eventsPerSec,
        [`p50 ratio (${them}/${us})`]: theirs.p50 / ours.p50,
        [`p99 ratio (${them}/${us})`]: theirs.p99 / ours.p99,
      });
    }

    const stored = rows.reduce(
      (sum, r) =>
        sum + (r['store'] === 'hoga' ? (r['appends'] as number) * (r['batch'] as number) : 0),
      400,
    );
    for (const contender of chain ? [] : contenders) {
      await checkpoint(database.url);
      const started = process.hrtime.bigint();
      const read = await contender.readAll(1000);
      const wallMs = elapsedMs(started);
      rows.push({
        store: contender.name,
        batch: 'read-all',
        writers: 1,
        appends: 0,
        'events/s': (read / wallMs) * 1000,
        'events read': read,
        'events stored': stored,
      });
    }
    const [ourRead, theirRead] = rows.slice(-2).map((r) => r['events/s'] as number);
    if (!chain)
      ratios.push({
        batch: 'read-all',
        writers: 1,
        'hoga events/s': ourRead!,
        'emmett events/s': theirRead!,
        'throughput ratio': ourRead! / theirRead!,
      });

    const load = { before: loadBefore, after: os.loadavg()[0]! };
    printTable(
      `event store: ${chain ? 'hoga (hash chain) vs hoga before it' : 'hoga vs Emmett 0.42'}, PostgreSQL ${settings['server_version']}, synchronous_commit=${settings['synchronous_commit']}, ` +
        `fsync=${settings['fsync']}, ${os.cpus().length} CPUs, 1-min load ${load.before.toFixed(1)} -> ${load.after.toFixed(1)}`,
      rows,
    );
    printTable(`ratio ${us} / ${them} (higher is better for ${us})`, ratios);
    const file = writeResults(
      chain ? 'event-store-chain' : 'event-store',
      [...rows, ...ratios.map((r) => ({ store: 'ratio', ...r }))],
      {
        scale,
        settings,
        load,
        rounds: ROUNDS,
        streamsPerWriter: STREAMS_PER_WRITER,
        pageSize: 1000,
      },
    );
    console.log(`\nwrote ${file}`);
  } finally {
    for (const c of contenders) await c.close();
    await database.drop();
  }
}
