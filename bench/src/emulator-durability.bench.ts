/**
 * `npm run bench -- emulator-durability`: what making the emulator's account durable (issue 15
 * item 5, ADR 0032 and its addendum: the journal records the exchange's inputs) costs its
 * matching. Before (in memory) and after (journaled) in one process, in pairs:
 * - in memory: the `upbit` bench's matching workload (resting limit bids/asks, market buys and
 *   sells, a price step every 10 orders) with no HTTP, each order arriving as a REST request's
 *   JSON text (parsed in every mode, as the server parses it; the journal writes the text as it
 *   came), in memory (before) and journaled with
 *   each fsync policy (after), committing after every order and step (each its own request:
 *   the worst case) and after every 16 (16 requests served in one turn); and with the
 *   journal's own group commit (one record per event-loop turn) at 1, 4 and 16 orders per
 *   turn, each against memory yielding the same turns. Every journaled run comes right after
 *   its own in-memory run (a pair of 1,000 orders each), and each round runs every pair once:
 *   the paired figures (median over the rounds of each pair's ratio; p25..p75 shows how much
 *   the pairs disagree) cancel most of the drift of a machine shared with other processes; the
 *   min figures compare the best round of each side;
 * - recovery: the journal of a whole run (no snapshot after it, as a `kill -9` leaves it)
 *   replayed at the next start;
 * - through the REST API: POST /v1/orders round trips, 16 in flight, against an emulator
 *   without and with `persistence` (what a client of the exchange sees).
 * The journal goes to `bench/results/tmp` (the repository's disk, as `<home>` would be).
 * Wall and CPU time (process user + system, every thread) per order. `--scale=0.2` shrinks
 * the counts, `--rounds=N` sets the rounds (default 40). No assertions: figures only.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  measureDurableMatching,
  measureJournalWork,
  measureRecovery,
  type DurabilityMode,
  type DurableMatchingRun,
} from '@hoga/upbit-emulator/testing';
import { textArg } from './bench-args.js';
import { CONCURRENCIES, restSaturationRows } from './emulator-durability-rest.js';
import { percentile, printTable, writeResults, type Row } from './report.js';

const DEFAULT_ROUNDS = 40;
const DEFAULT_REST_ROUNDS = 5;

interface Variant {
  readonly label: string;
  /** `memory`: the control, a pair of two in-memory runs (the noise floor of the pairs). */
  readonly mode: DurabilityMode;
  readonly commitEvery?: number;
  /** Orders per event-loop turn: the journal's group commit makes the records. */
  readonly perTurn?: number;
}
const VARIANTS: readonly Variant[] = [
  { label: 'control: memory against memory', mode: 'memory', commitEvery: 1 },
  { label: 'fsync off, commit per order', mode: 'off', commitEvery: 1 },
  { label: 'fsync batch, commit per order', mode: 'batch', commitEvery: 1 },
  { label: 'fsync batch, commit per 16', mode: 'batch', commitEvery: 16 },
  { label: 'fsync always, commit per order', mode: 'always', commitEvery: 1 },
  { label: 'fsync always, commit per 16', mode: 'always', commitEvery: 16 },
  ...[1, 4, 16].flatMap((perTurn): Variant[] => [
    { label: `fsync off, group commit, ${perTurn} per turn`, mode: 'off', perTurn },
    { label: `fsync batch, group commit, ${perTurn} per turn`, mode: 'batch', perTurn },
  ]),
];

interface Pair {
  readonly memory: DurableMatchingRun;
  readonly journal: DurableMatchingRun;
}

const wallPerOrder = (r: DurableMatchingRun) => (r.elapsedMs * 1000) / r.orders;
const cpuPerOrder = (r: DurableMatchingRun) => (r.cpuMs * 1000) / r.orders;
const median = (xs: readonly number[]) => percentile(xs, 50);
const min = (xs: readonly number[]) => Math.min(...xs);
const pct = (after: number, before: number) => (after / before - 1) * 100;
/** `xs` in an order of its own per `round` (Fisher-Yates over a small LCG: reproducible). */
function shuffled<T>(xs: readonly T[], round: number): T[] {
  const out = [...xs];
  let state = (round + 1) * 2654435761;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The middle half of a sample, as text: how much the pairs disagree. */
const spread = (xs: readonly number[]) =>
  `${percentile(xs, 25).toFixed(1)}..${percentile(xs, 75).toFixed(1)}`;

async function inMemoryRows(n: number, rounds: number, dir: string): Promise<Row[]> {
  const run = (mode: DurabilityMode, v: Variant, count: number) =>
    measureDurableMatching(mode, count, {
      dir,
      ...(v.commitEvery !== undefined ? { commitEvery: v.commitEvery } : {}),
      ...(v.perTurn !== undefined ? { requestsPerTurn: v.perTurn } : {}),
    });
  for (const v of [VARIANTS[1]!, VARIANTS[6]!]) {
    await run('memory', v, Math.round(n / 5)); // warm-up (JIT)
    await run('batch', v, Math.round(n / 5));
  }
  const pairs = new Map<Variant, Pair[]>(VARIANTS.map((v) => [v, []]));
  for (let round = 0; round < rounds; round++)
    // a new order of the pairs each round: no variant always follows the same one
    for (const v of shuffled(VARIANTS, round)) {
      // an fsync per commit costs a disk flush: fewer orders keep the run short
      const count =
        v.mode === 'always' && v.commitEvery === 1 ? Math.max(50, Math.round(n / 10)) : n;
      const memory = await run('memory', v, count);
      const journal = await run(v.mode, v, count);
      pairs.get(v)!.push({ memory, journal });
    }
  return VARIANTS.map((v) => {
    const all = pairs.get(v)!;
    const mem = all.map((p) => p.memory);
    const jou = all.map((p) => p.journal);
    const last = jou[jou.length - 1]!;
    return {
      variant: v.label,
      orders: last.orders,
      'memory µs/order (median)': median(mem.map(wallPerOrder)),
      'journal µs/order (median)': median(jou.map(wallPerOrder)),
      'slowdown % (paired median)': median(
        all.map((p) => pct(wallPerOrder(p.journal), wallPerOrder(p.memory))),
      ),
      'slowdown % (min)': pct(min(jou.map(wallPerOrder)), min(mem.map(wallPerOrder))),
      'memory cpu µs/order (median)': median(mem.map(cpuPerOrder)),
      'journal cpu µs/order (median)': median(jou.map(cpuPerOrder)),
      'cpu +% (paired median)': median(
        all.map((p) => pct(cpuPerOrder(p.journal), cpuPerOrder(p.memory))),
      ),
      'cpu +% (min)': pct(min(jou.map(cpuPerOrder)), min(mem.map(cpuPerOrder))),
      'cpu +% paired p25..p75': spread(
        all.map((p) => pct(cpuPerOrder(p.journal), cpuPerOrder(p.memory))),
      ),
      records: last.records,
      'bytes/record': last.records > 0 ? Math.round(last.journalBytes / last.records) : 0,
    };
  });
}

/**
 * The journal of `orders` orders (and a price step every 10: 10,000 inputs at scale 1, the
 * default `compactInputs`, so the most a start replays) left by a crash, replayed at the start.
 */
async function recoveryRows(orders: number, dir: string): Promise<Row[]> {
  await measureRecovery(Math.round(orders / 10), { dir }); // warm-up (JIT)
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await measureRecovery(orders, { dir }));
  const r = runs[0]!;
  const ms = median(runs.map((x) => x.recoveryMs));
  return [
    {
      variant: `recovery: replay of ${r.inputs.toLocaleString('en-US')} inputs (${r.orders.toLocaleString('en-US')} orders, a step per 10), one record each`,
      orders: r.orders,
      records: r.records,
      'journal bytes': r.journalBytes,
      'recovery ms (median of 3)': ms,
      'µs/input': (ms * 1000) / r.inputs,
    },
  ];
}

/** The in-process parts: matching pairs, the journal's work alone, recovery. */
async function inProcessRows(n: number, rounds: number, scale: number, dir: string) {
  const matching = await inMemoryRows(n, rounds, dir);
  printTable(
    `emulator matching: journaled (after) vs in memory (before), ${rounds} rounds of pairs`,
    matching,
  );
  const work = measureJournalWork(Math.max(2_000, Math.round(20_000 * scale)), 15, dir);
  const baseCpu = median(
    matching
      .filter((r) => r.variant !== 'control: memory against memory')
      .map((r) => Number(r['memory cpu µs/order (median)'])),
  );
  const alone: Row = {
    variant: 'journal work alone per order (tight loop, best of 15): text / encode+checksum+write',
    'text cpu µs': work.textCpuUs,
    'text, body serialised cpu µs': work.serialisedTextCpuUs,
    'encode+crc+write cpu µs': work.writeCpuUs,
    'of matching cpu %': ((work.textCpuUs + work.writeCpuUs) / baseCpu) * 100,
    'bytes/record': work.bytesPerRecord,
  };
  printTable("the journal's own work, alone", [alone]);
  const recovery = await recoveryRows(Math.round(9_091 * scale), dir);
  printTable('emulator recovery: the journal replayed at start', recovery);
  return [...matching, alone, ...recovery];
}

export async function run(args: string[]): Promise<void> {
  const scale = Number(textArg(args, 'scale') ?? 1);
  // short pairs, many rounds: the paired figures then follow the machine's load closely
  const n = Math.max(100, Math.round(1_000 * scale));
  const rounds = Number(textArg(args, 'rounds') ?? DEFAULT_ROUNDS);
  const only = textArg(args, 'only');
  if (only !== undefined && only !== 'rest' && only !== 'matching')
    throw new Error(`--only=${only}: expected rest or matching`);
  const restOrders = Math.max(50, Math.round(Number(textArg(args, 'rest-orders') ?? 150) * scale));
  const restRounds = Number(textArg(args, 'rest-rounds') ?? DEFAULT_REST_ROUNDS);
  const restConcurrencies = (textArg(args, 'rest-concurrency') ?? CONCURRENCIES.join(','))
    .split(',')
    .map(Number);
  if (restConcurrencies.some((k) => !Number.isSafeInteger(k) || k < 1))
    throw new Error('--rest-concurrency: expected positive integers, e.g. 1,4');
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'results', 'tmp');
  mkdirSync(dir, { recursive: true });
  try {
    const loadBefore = loadavg();
    const inProcess = only === 'rest' ? [] : await inProcessRows(n, rounds, scale, dir);
    const rest =
      only === 'matching'
        ? []
        : await restSaturationRows(restOrders, restRounds, dir, restConcurrencies);
    if (rest.length > 0)
      printTable(
        `emulator REST at saturation: ${restConcurrencies.join(', ')} clients in flight, place + cancel a limit order, ${restRounds} rounds`,
        rest,
      );
    const file = writeResults(
      only === undefined ? 'emulator-durability' : `emulator-durability-${only}`,
      [...inProcess, ...rest],
      {
        scale,
        rounds,
        restOrders,
        restRounds,
        loadAverage: { before: loadBefore, after: loadavg() },
        goal: 'durability slows matching by at most 10 %',
        note: 'commit = one journal record (format 3: the inputs of the commit: order requests as their JSON text, cancels, market trades) written to the kernel (fsync per policy); the in-memory rows parse each order from JSON text in both modes; the REST rows run the emulator server in this process and the clients in a child process (one fresh server and data dir per run, rate limits relaxed to 10^6/s through PUT /__admin/rate-limits); an order there is a POST /v1/orders of a resting limit bid and its DELETE /v1/order',
      },
    );
    console.log(`\nwrote ${file}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
