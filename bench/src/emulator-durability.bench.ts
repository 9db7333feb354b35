/**
 * `npm run bench -- emulator-durability`: what making the emulator's account durable (issue 15
 * item 5, ADR 0032) costs its matching. Before and after in one process, interleaved over
 * several rounds, medians compared:
 * - in memory: the `upbit` bench's matching workload (resting limit bids/asks, market buys and
 *   sells, a price step every 10 orders) with no HTTP, in memory (before) and journaled with
 *   each fsync policy (after), committing after every order and step (each its own request:
 *   the worst case) and after every 16 (16 requests served in one turn); and with the
 *   journal's own group commit (one record per event-loop turn) at 1, 4 and 16 orders per
 *   turn, each against memory yielding the same turns;
 * - through the REST API: POST /v1/orders round trips, 16 in flight, against an emulator
 *   without and with `persistence` (what a client of the exchange sees).
 * The journal goes to `bench/results/tmp` (the repository's disk, as `<home>` would be).
 * Medians over the rounds and the best round (min: the one least disturbed by other processes on
 * a shared machine), wall and CPU time per order. `--scale=0.2` shrinks the counts,
 * `--rounds=N` sets the rounds (default 7). No assertions: figures only.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { UpbitClient } from '@hoga/upbit';
import {
  measureDurableMatching,
  startEmulator,
  type DurabilityMode,
  type DurableMatchingRun,
  type FsyncPolicy,
} from '@hoga/upbit-emulator';
import { percentile, printTable, writeResults, type Row } from './report.js';

const KEYS = { accessKey: 'bench-access', secretKey: 'bench-secret' };
const HIGH = { limit: 1_000_000, windowMs: 1000 };
const DEFAULT_ROUNDS = 7;

interface Variant {
  readonly label: string;
  readonly mode: DurabilityMode;
  readonly commitEvery?: number;
  /** Orders per event-loop turn: the journal's group commit makes the records. */
  readonly perTurn?: number;
}
const VARIANTS: readonly Variant[] = [
  { label: 'memory (before)', mode: 'memory' },
  { label: 'journal, fsync off, commit per order', mode: 'off', commitEvery: 1 },
  { label: 'journal, fsync batch, commit per order', mode: 'batch', commitEvery: 1 },
  { label: 'journal, fsync batch, commit per 16', mode: 'batch', commitEvery: 16 },
  { label: 'journal, fsync always, commit per order', mode: 'always', commitEvery: 1 },
  { label: 'journal, fsync always, commit per 16', mode: 'always', commitEvery: 16 },
  ...[1, 4, 16].flatMap((perTurn): Variant[] => [
    { label: `memory (before), ${perTurn} per turn`, mode: 'memory', perTurn },
    { label: `journal, fsync off, group commit, ${perTurn} per turn`, mode: 'off', perTurn },
    { label: `journal, fsync batch, group commit, ${perTurn} per turn`, mode: 'batch', perTurn },
  ]),
];
/** The in-memory run a variant is compared with: the same orders per turn, no journal. */
const baselineOf = (v: Variant): Variant =>
  VARIANTS.find((b) => b.mode === 'memory' && b.perTurn === v.perTurn)!;

async function inMemoryRows(n: number, rounds: number, dir: string): Promise<Row[]> {
  await measureDurableMatching('memory', Math.round(n / 5), { dir }); // warm-up (JIT)
  await measureDurableMatching('batch', Math.round(n / 5), { dir });
  await measureDurableMatching('batch', Math.round(n / 5), { dir, requestsPerTurn: 4 });
  const runs = new Map<Variant, DurableMatchingRun[]>(VARIANTS.map((v) => [v, []]));
  for (let round = 0; round < rounds; round++)
    for (const v of VARIANTS) {
      // an fsync per commit costs a disk flush: fewer orders keep the run short
      const count = v.mode === 'always' && v.commitEvery === 1 ? Math.round(n / 10) : n;
      runs.get(v)!.push(
        await measureDurableMatching(v.mode, count, {
          dir,
          ...(v.commitEvery !== undefined ? { commitEvery: v.commitEvery } : {}),
          ...(v.perTurn !== undefined ? { requestsPerTurn: v.perTurn } : {}),
        }),
      );
    }
  const median = (v: Variant) =>
    percentile(
      runs.get(v)!.map((r) => r.ordersPerSecond),
      50,
    );
  const cpuPerOrder = (v: Variant) =>
    percentile(
      runs.get(v)!.map((r) => (r.cpuMs * 1000) / r.orders),
      50,
    );
  // the best round of each: the one least disturbed by the machine's other processes
  const minWall = (v: Variant) =>
    Math.min(...runs.get(v)!.map((r) => (r.elapsedMs * 1000) / r.orders));
  const minCpu = (v: Variant) => Math.min(...runs.get(v)!.map((r) => (r.cpuMs * 1000) / r.orders));
  return VARIANTS.map((v) => {
    const all = runs.get(v)!;
    const last = all[all.length - 1]!;
    const ops = median(v);
    const base = baselineOf(v);
    return {
      path: 'in memory',
      variant: v.label,
      orders: last.orders,
      'orders/s (median)': ops,
      'min..max': `${Math.round(Math.min(...all.map((r) => r.ordersPerSecond)))}..${Math.round(Math.max(...all.map((r) => r.ordersPerSecond)))}`,
      'µs/order': 1e6 / ops,
      'slowdown %': v.mode === 'memory' ? 0 : (1 - ops / median(base)) * 100,
      'cpu µs/order': cpuPerOrder(v),
      'cpu +%': v.mode === 'memory' ? 0 : (cpuPerOrder(v) / cpuPerOrder(base) - 1) * 100,
      'µs/order (min)': minWall(v),
      'slowdown % (min)': v.mode === 'memory' ? 0 : (minWall(v) / minWall(base) - 1) * 100,
      'cpu µs/order (min)': minCpu(v),
      'cpu +% (min)': v.mode === 'memory' ? 0 : (minCpu(v) / minCpu(base) - 1) * 100,
      records: last.records,
      'bytes/record': last.records > 0 ? Math.round(last.journalBytes / last.records) : 0,
    };
  });
}

/** POST /v1/orders round trips, 16 in flight, against an emulator journaling with `fsync`. */
async function restRun(
  fsync: FsyncPolicy | 'memory',
  total: number,
  dir: string,
): Promise<{ opsPerSecond: number; p50: number }> {
  const stateDir = mkdtempSync(join(dir, 'rest-'));
  const emulator = await startEmulator({
    port: 0,
    seed: 1,
    tickIntervalMs: 0,
    historyMinutes: 10,
    markets: [{ market: 'KRW-BTC', startPrice: '100000000' }],
    accounts: [{ ...KEYS, balances: { KRW: '1000000000000' } }],
    rateLimits: { groups: { order: HIGH, default: HIGH } },
    ...(fsync === 'memory' ? {} : { persistence: { path: join(stateDir, 'state.json'), fsync } }),
  });
  try {
    const client = new UpbitClient({
      baseUrl: emulator.url,
      credentials: KEYS,
      rateLimits: { limits: { order: 1e6, default: 1e6 } },
    });
    let next = 0;
    const latencies: number[] = [];
    const started = performance.now();
    const worker = async () => {
      while (next++ < total) {
        const t = performance.now();
        const identifier = `bench-${fsync}-${next}`;
        await client.orders.place(
          next % 2 === 0
            ? { market: 'KRW-BTC', side: 'bid', ord_type: 'price', price: '10000', identifier }
            : {
                market: 'KRW-BTC',
                side: 'bid',
                ord_type: 'limit',
                price: '50000000',
                volume: '0.0001',
                identifier,
              },
        );
        latencies.push(performance.now() - t);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    const ms = performance.now() - started;
    return { opsPerSecond: (latencies.length / ms) * 1000, p50: percentile(latencies, 50) };
  } finally {
    await emulator.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

async function restRows(total: number, dir: string): Promise<Row[]> {
  const modes = ['memory', 'batch', 'always'] as const;
  await restRun('memory', 200, dir);
  const runs = new Map<string, Array<{ opsPerSecond: number; p50: number }>>(
    modes.map((m) => [m, []]),
  );
  for (let round = 0; round < 3; round++)
    for (const m of modes) runs.get(m)!.push(await restRun(m, total, dir));
  const median = (m: string) =>
    percentile(
      runs.get(m)!.map((r) => r.opsPerSecond),
      50,
    );
  return modes.map((m) => ({
    path: 'REST, 16 in flight',
    variant: m === 'memory' ? 'memory (before)' : `journal, fsync ${m}`,
    orders: total,
    'orders/s (median)': median(m),
    'µs/order': 1e6 / median(m),
    'slowdown %': m === 'memory' ? 0 : (1 - median(m) / median('memory')) * 100,
    'p50 ms': percentile(
      runs.get(m)!.map((r) => r.p50),
      50,
    ),
  }));
}

export async function run(args: string[]): Promise<void> {
  const scale = Number(args.find((a) => a.startsWith('--scale='))?.slice(8) ?? 1);
  const n = Math.max(200, Math.round(10_000 * scale));
  const rounds = Number(args.find((a) => a.startsWith('--rounds='))?.slice(9) ?? DEFAULT_ROUNDS);
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'results', 'tmp');
  mkdirSync(dir, { recursive: true });
  try {
    const rows = [
      ...(await inMemoryRows(n, rounds, dir)),
      ...(await restRows(Math.max(200, Math.round(2_000 * scale)), dir)),
    ];
    printTable(`emulator matching: durable vs in memory (medians of interleaved rounds)`, rows);
    const file = writeResults('emulator-durability', rows, {
      scale,
      rounds,
      goal: 'durability slows matching by at most 10 %',
      note: 'commit = one journal record (format 2: fills of journaled orders as deltas) written to the kernel (fsync per policy); the REST rows run client and emulator in one process',
    });
    console.log(`\nwrote ${file}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
