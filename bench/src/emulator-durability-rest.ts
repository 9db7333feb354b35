/**
 * The emulator as its users meet it (issue 15 item 5, ADR 0032 addendum 3): orders per second at
 * saturation through its real REST server, journaled against in memory, and the latency of one
 * order at a time. Each run starts a fresh emulator (`startEmulator`, as the all-in-one does, with
 * Upbit's rate limits on, then relaxed through `PUT /__admin/rate-limits`) on a fresh data dir;
 * the clients run in a child process (`emulator-durability-clients.ts`) so this process serves
 * alone and its CPU is the server's. Each round runs, for every concurrency in a new order, the
 * five servers (memory, memory again as a control, fsync off — the journal's writes without a
 * flush —, fsync batch, fsync always — the all-in-one's default) in a rotated order: a journaled
 * run's figure is against the memory run of the same round and concurrency.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '@hoga/upbit-emulator';
import type { RestClientsCommand, RestClientsReport } from './emulator-durability-clients.js';
import { percentile, type Row } from './report.js';

const KEYS = { accessKey: 'bench-access', secretKey: 'bench-secret' };
const MARKET = 'KRW-BTC';
export const CONCURRENCIES = [1, 4, 16, 64] as const;
/** `control`: a second in-memory server, against the first (the noise floor of the pairs). */
const MODES = ['memory', 'control', 'off', 'batch', 'always'] as const;
type Mode = (typeof MODES)[number];

/** One run of `orders` orders (place + cancel) by `clients` concurrent clients. */
interface RestRun {
  readonly ordersPerSecond: number;
  /** The server process's CPU (user + system, every thread) per order, µs. */
  readonly cpuUsPerOrder: number;
  /**
   * The main thread's CPU per order, µs: the event loop, where the exchange matches (a flush on
   * libuv's thread pool is not on it).
   */
  readonly loopCpuUsPerOrder: number;
  readonly place: readonly number[];
  readonly order: readonly number[];
  /** Journal records written during the run (0 in memory). */
  readonly records: number;
  /** The journal's background flushes during the run, and the time they took in all (ms). */
  readonly flushes: number;
  readonly flushMs: number;
  readonly orders: number;
}

/**
 * CPU time of this process's main thread so far, ns: the first field of Linux's
 * `/proc/self/task/<pid>/schedstat` (time on a CPU; the main thread's id is the process id).
 */
function mainThreadCpuNs(): number {
  return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'latin1').split(' ')[0]);
}

class Clients {
  readonly #child: ChildProcess;
  readonly #waiting: ((r: RestClientsReport) => void)[] = [];

  constructor() {
    const here = dirname(fileURLToPath(import.meta.url));
    this.#child = fork(join(here, 'emulator-durability-clients.js'), [], { stdio: 'inherit' });
    this.#child.on('message', (r: RestClientsReport) => this.#waiting.shift()?.(r));
  }

  ask(command: RestClientsCommand): Promise<RestClientsReport> {
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
      this.#child.send(command);
    });
  }

  close(): void {
    this.#child.send({ op: 'close' } satisfies RestClientsCommand);
  }
}

/**
 * Relaxes Upbit's limits (order 12/s, default 30/s) to a million a second through the admin knob.
 * Relaxed, not switched off: with `{"enabled":false}` the `Remaining-Req` header still reports
 * Upbit's own limit, and the client (rightly) holds back to what the server counts.
 */
async function relaxRateLimits(url: string): Promise<void> {
  const high = { limit: 1_000_000, windowMs: 1000 };
  const r = await fetch(`${url}/__admin/rate-limits`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ groups: { order: high, default: high } }),
  });
  if (!r.ok) throw new Error(`PUT /__admin/rate-limits answered ${r.status}: ${await r.text()}`);
}

async function restRun(
  clients: Clients,
  mode: Mode,
  concurrency: number,
  orders: number,
  dir: string,
  tag: string,
): Promise<RestRun> {
  const stateDir = mkdtempSync(join(dir, 'rest-'));
  const emulator = await startEmulator({
    host: '127.0.0.1',
    port: 0,
    seed: tag,
    tickIntervalMs: 0, // no price steps: every journal record holds the clients' requests
    historyMinutes: 10,
    markets: [{ market: MARKET, startPrice: '100000000' }],
    accounts: [{ ...KEYS, balances: { KRW: '1000000000000' } }],
    ...(mode === 'memory' || mode === 'control'
      ? {}
      : { persistence: { path: join(stateDir, 'state.json'), fsync: mode } }),
  });
  try {
    await relaxRateLimits(emulator.url);
    const before = emulator.persistence();
    const cpuBefore = process.cpuUsage();
    const loopBefore = mainThreadCpuNs();
    const report = await clients.ask({
      op: 'run',
      url: emulator.url,
      ...KEYS,
      market: MARKET,
      price: '50000000',
      volume: '0.0001',
      clients: concurrency,
      orders,
      tag,
    });
    const cpu = process.cpuUsage(cpuBefore);
    const loopNs = mainThreadCpuNs() - loopBefore;
    if (report.op === 'failed') throw new Error(`REST clients failed: ${report.message}`);
    const status = emulator.persistence();
    if (status?.lastError !== undefined) throw new Error(`journal failed: ${status.lastError}`);
    return {
      ordersPerSecond: (orders / report.elapsedMs) * 1000,
      cpuUsPerOrder: (cpu.user + cpu.system) / orders,
      loopCpuUsPerOrder: loopNs / 1000 / orders,
      place: report.place,
      order: report.order,
      records: (status?.seq ?? 0) - (before?.seq ?? 0),
      flushes: (status?.flushes ?? 0) - (before?.flushes ?? 0),
      flushMs: (status?.flushMs ?? 0) - (before?.flushMs ?? 0),
      orders,
    };
  } finally {
    await emulator.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

const median = (xs: readonly number[]) => percentile(xs, 50);
const pct = (after: number, before: number) => (after / before - 1) * 100;
const spread = (xs: readonly number[]) =>
  `${percentile(xs, 25).toFixed(1)}..${percentile(xs, 75).toFixed(1)}`;
const label = (mode: Mode) =>
  mode === 'memory'
    ? 'memory'
    : mode === 'control'
      ? 'control: memory against memory'
      : `journal, fsync ${mode}`;
const rotated = <T>(xs: readonly T[], by: number): T[] =>
  xs.map((_, i) => xs[(i + by) % xs.length]!);

/**
 * `rounds` rounds; in each, every concurrency (order rotated per round) runs memory, batch and
 * always (order rotated per round) with `orders` orders each.
 */
export async function restSaturationRows(
  orders: number,
  rounds: number,
  dir: string,
  concurrencies: readonly number[] = CONCURRENCIES,
): Promise<Row[]> {
  const clients = new Clients();
  try {
    for (const mode of ['memory', 'batch'] as const)
      await restRun(clients, mode, 16, orders, dir, `warm-${mode}`);
    const runs = new Map<string, RestRun[]>();
    const key = (k: number, m: Mode) => `${k}/${m}`;
    for (let round = 0; round < rounds; round++)
      for (const k of rotated(concurrencies, round))
        for (const mode of rotated(MODES, round)) {
          const r = await restRun(clients, mode, k, orders, dir, `r${round}-${k}-${mode}`);
          runs.set(key(k, mode), [...(runs.get(key(k, mode)) ?? []), r]);
        }
    return concurrencies.flatMap((k) => {
      const memory = runs.get(key(k, 'memory'))!;
      return MODES.map((mode): Row => {
        const own = runs.get(key(k, mode))!;
        const place = own.flatMap((r) => r.place);
        const order = own.flatMap((r) => r.order);
        const records = own.reduce((s, r) => s + r.records, 0);
        const total = own.reduce((s, r) => s + r.orders, 0);
        const flushes = own.reduce((s, r) => s + r.flushes, 0);
        // slowdown: time per order journaled against memory in the same round
        const slowdown = own.map((r, i) => pct(memory[i]!.ordersPerSecond, r.ordersPerSecond));
        const cpu = own.map((r, i) => pct(r.cpuUsPerOrder, memory[i]!.cpuUsPerOrder));
        const loop = own.map((r, i) => pct(r.loopCpuUsPerOrder, memory[i]!.loopCpuUsPerOrder));
        // the flushes' own share: an answer under `always` waits for one, so at one order at a
        // time their time per order against memory's time per order is a floor for the slowdown
        const flushFloor = own.map(
          (r, i) => (r.flushMs / r.orders) * (memory[i]!.ordersPerSecond / 1000) * 100,
        );
        // latency: a run's percentile against the memory run's of the same round, µs
        const extraUs = (p: number) =>
          median(
            own.map((r, i) => (percentile(r.place, p) - percentile(memory[i]!.place, p)) * 1000),
          );
        return {
          variant: `REST, ${k} in flight: ${label(mode)}`,
          orders,
          'orders/s (median)': median(own.map((r) => r.ordersPerSecond)),
          'slowdown % (paired median)': mode === 'memory' ? 0 : median(slowdown),
          'slowdown % p25..p75': mode === 'memory' ? '' : spread(slowdown),
          'server cpu µs/order (median)': median(own.map((r) => r.cpuUsPerOrder)),
          'server cpu +% (paired median)': mode === 'memory' ? 0 : median(cpu),
          'event loop cpu µs/order (median)': median(own.map((r) => r.loopCpuUsPerOrder)),
          'event loop cpu +% (paired median)': mode === 'memory' ? 0 : median(loop),
          'event loop cpu +% p25..p75': mode === 'memory' ? '' : spread(loop),
          'place p50 ms': percentile(place, 50),
          'place p99 ms': percentile(place, 99),
          'place p50 +µs (paired median)': mode === 'memory' ? 0 : extraUs(50),
          'place p99 +µs (paired median)': mode === 'memory' ? 0 : extraUs(99),
          'order p50 ms': percentile(order, 50),
          'order p99 ms': percentile(order, 99),
          'requests/record': records > 0 ? (2 * total) / records : 0,
          'flushes/order': flushes / total,
          'flush ms (mean)': flushes > 0 ? own.reduce((n, r) => n + r.flushMs, 0) / flushes : 0,
          'flush time % of memory time/order (paired median)': flushes > 0 ? median(flushFloor) : 0,
        };
      });
    });
  } finally {
    clients.close();
  }
}
