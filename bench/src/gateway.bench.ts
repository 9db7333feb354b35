/**
 * `npm run bench -- gateway`: the dashboard-gateway's live WebSocket under load.
 * - A publisher (this process) publishes position states on NATS (`hoga.position.state.<id>`)
 *   for `--positions=1000` positions, round robin, at `--rate=1000` states/s; each state's
 *   `version` is its publish number, and its publish time is kept.
 * - The gateway (this process, real NATS + PostgreSQL, defaults of `settings.live`) puts them on
 *   the `positions` channel; `--clients=50` WebSockets in a child process (`gateway-clients.ts`)
 *   subscribe and time the arrival of every 10th version: publish -> client delivery.
 * - CPU: this process's CPU (publisher + gateway) with the clients, minus without them, per
 *   client. Memory: one more client subscribes and never reads for `--stall-seconds=120`.
 * - Snapshot: with the 1,000 positions held, a new client's `sub positions` -> snapshot parsed
 *   (20 times), and the gateway's side alone (the hub's snapshot + its frame's JSON).
 * Flags: `--clients=50 --rate=1000 --positions=1000 --seconds=10 --stall-seconds=120`; `--trace`
 *   prints the latency per 250 ms of the measured window.
 */
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { connectNatsBus, removeNatsNamespace, type Bus } from '@hoga/bus';
import { subjects, type PositionState } from '@hoga/contracts';
import { start as startGateway } from '@hoga/dashboard-gateway';
import { PostgresEventStore } from '@hoga/event-store';
import { krw, price, volume, type Market, type PositionId, type StrategyId } from '@hoga/model';
import { createLogger, unservedMetrics, type LogRecord } from '@hoga/telemetry';
import { createTestSchema, testNamespace } from '@hoga/testkit';
import type { ClientCommand, ClientReport } from './gateway-clients.js';
import { percentile, printTable, writeResults, type Row } from './report.js';
import { positiveArg } from './bench-args.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const wallNow = (): number => performance.timeOrigin + performance.now();
const mib = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;

function stateOf(id: string, version: number): PositionState {
  const last = 100_000_000 + (version % 1000) * 1000;
  const mid = `bench-${String(version)}`;
  return {
    id: mid,
    type: 'PositionState',
    occurredAt: new Date().toISOString(),
    causationId: null,
    correlationId: mid,
    data: {
      positionId: id as PositionId,
      strategyId: 'bench' as StrategyId,
      market: 'KRW-BTC' as Market,
      status: 'active',
      paused: false,
      volume: volume('0.001'),
      avgEntryPrice: price('100000000'),
      peakPrice: price('100000000'),
      lastPrice: price(String(last)),
      unrealizedPnlKrw: krw(String((last - 100_000_000) / 1000)),
      realizedPnlKrw: krw('0'),
      exitReason: null,
      enteredAt: null,
      exitLevels: null,
      failure: null,
      version,
    },
  };
}

/** Publishes states at `rate`/s (in 10 ms steps), remembering each version's publish time. */
class Publisher {
  version = 0;
  readonly publishedAt = new Map<number, number>();
  #timer: NodeJS.Timeout | undefined;
  failures = 0;

  constructor(
    private readonly bus: Bus,
    private readonly ids: readonly string[],
  ) {}

  start(rate: number): void {
    // Paced by the clock, not by the timer's count: a late timer catches up.
    const from = performance.now();
    const base = this.version;
    this.#timer = setInterval(() => {
      const due = base + Math.floor(((performance.now() - from) / 1000) * rate);
      while (this.version < due) this.publishOne();
    }, 5);
  }

  publishOne(): void {
    const version = ++this.version;
    const id = this.ids[version % this.ids.length]!;
    if (version % 10 === 0) this.publishedAt.set(version, wallNow());
    this.bus
      .publish(subjects.positionState(id as PositionId), stateOf(id, version))
      .catch(() => (this.failures += 1));
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}

class Clients {
  readonly #child: ChildProcess;
  readonly #waiting: ((r: ClientReport) => void)[] = [];

  constructor() {
    const here = dirname(fileURLToPath(import.meta.url));
    this.#child = fork(join(here, 'gateway-clients.js'), [], { stdio: 'inherit' });
    this.#child.on('message', (r: ClientReport) => this.#waiting.shift()?.(r));
  }

  ask(command: ClientCommand): Promise<ClientReport> {
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
      this.#child.send(command);
    });
  }

  tell(command: ClientCommand): void {
    this.#child.send(command);
  }
}

/** CPU milliseconds this process used during `ms`. */
async function cpuDuring(ms: number): Promise<number> {
  const before = process.cpuUsage();
  await sleep(ms);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** `--trace`: p50 and max of the delivery latency per 250 ms of publish time (finds stalls). */
function traceLatencies(versions: number[], at: number[], publishedAt: Map<number, number>): void {
  const windows = new Map<number, number[]>();
  let first: number | undefined;
  for (let i = 0; i < versions.length; i += 1) {
    const sent = publishedAt.get(versions[i]!);
    if (sent === undefined) continue;
    first ??= sent;
    const window = Math.floor((sent - first) / 250) * 250;
    const list = windows.get(window) ?? [];
    list.push(at[i]! - sent);
    windows.set(window, list);
  }
  for (const [window, l] of windows)
    console.log(
      `${String(window)} ms: p50 ${percentile(l, 50).toFixed(1)} max ${percentile(l, 100).toFixed(1)} (${String(l.length)})`,
    );
}

async function snapshotTimes(url: string, origin: string, cookie: string, times: number) {
  const socket = new WebSocket(url, { headers: { cookie: `hoga_session=${cookie}` }, origin });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const samples: number[] = [];
  let entries = 0;
  for (let i = 0; i < times; i += 1) {
    const started = performance.now();
    await new Promise<void>((resolve) => {
      const onFrame = (raw: Buffer) => {
        const frame = JSON.parse(raw.toString('utf8')) as { type: string; entries?: unknown[] };
        if (frame.type !== 'snapshot') return;
        entries = frame.entries?.length ?? 0;
        socket.off('message', onFrame);
        resolve();
      };
      socket.on('message', onFrame);
      socket.send(JSON.stringify({ op: 'sub', ch: 'positions' }));
    });
    samples.push(performance.now() - started);
    socket.send(JSON.stringify({ op: 'unsub', ch: 'positions' }));
    await sleep(20);
  }
  socket.close();
  return { samples, entries };
}

/** Runs the benchmark (see the file comment). */
export async function run(args: string[]): Promise<void> {
  const clientCount = positiveArg(args, 'clients', 50);
  const rate = positiveArg(args, 'rate', 1000);
  const positions = positiveArg(args, 'positions', 1000);
  const seconds = positiveArg(args, 'seconds', 10);
  const stallSeconds = positiveArg(args, 'stall-seconds', 120);
  const servers = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
  const loadAtStart = os.loadavg();
  const namespace = testNamespace('bench_gateway');
  const logs: LogRecord[] = [];
  const logger = createLogger({
    service: 'dashboard-gateway',
    level: 'warn',
    sinks: [(r) => logs.push(r)],
  });
  const schema = await createTestSchema('bench_gateway');
  const store = new PostgresEventStore({ ...schema.poolConfig, max: 4 });
  await store.migrate();
  const bus = await connectNatsBus({ servers, namespace, name: 'dashboard-gateway', logger });
  const engine = await connectNatsBus({ servers, namespace, name: 'bench-engine', logger });
  const gateway = await startGateway({
    env: {},
    config: { dashboardGateway: { port: 0 } },
    connections: { bus, store, logger, database: schema.poolConfig, metrics: unservedMetrics() },
  });
  const origin = gateway.context.origin();
  const wsUrl = `${origin.replace(/^http/, 'ws')}/api/live`;
  const cookie = () => gateway.context.sessions.open('bench:viewer', 'viewer').id;
  const ids = Array.from({ length: positions }, (_, i) => `bench-${String(i)}`);
  const publisher = new Publisher(engine, ids);
  const clients = new Clients();
  const rows: Row[] = [];
  try {
    // every position once, then the steady rate
    for (let i = 0; i < positions; i += 1) publisher.publishOne();
    publisher.start(rate);
    await sleep(2_000);
    const cpuAlone = await cpuDuring(seconds * 1000);

    const ready = await clients.ask({
      op: 'connect',
      url: wsUrl,
      origin,
      cookies: Array.from({ length: clientCount }, cookie),
    });
    if (ready.op !== 'ready') throw new Error('clients not ready');
    await sleep(2_000);
    clients.tell({ op: 'record', sampleEvery: 10 });
    const fromVersion = publisher.version;
    const cpuWith = await cpuDuring(seconds * 1000);
    const published = publisher.version - fromVersion;
    const report = await clients.ask({ op: 'report' });
    if (report.op !== 'samples') throw new Error('no samples');
    const latencies: number[] = [];
    for (let i = 0; i < report.versions.length; i += 1) {
      const sent = publisher.publishedAt.get(report.versions[i]!);
      if (sent !== undefined && report.versions[i]! > fromVersion)
        latencies.push(report.at[i]! - sent);
    }
    if (args.includes('--trace')) traceLatencies(report.versions, report.at, publisher.publishedAt);
    const cpuPerClientPct = ((cpuWith - cpuAlone) / clientCount / (seconds * 1000)) * 100;
    rows.push({
      measure: `publish -> client delivery, ${String(clientCount)} clients, ${String(rate)} states/s`,
      samples: latencies.length,
      'p50 ms': percentile(latencies, 50),
      'p99 ms': percentile(latencies, 99),
      'max ms': percentile(latencies, 100),
      goal: 'p99 <= 20 ms',
    });
    rows.push({
      measure: 'gateway CPU (publisher + gateway process)',
      'without clients %core': Math.round((cpuAlone / (seconds * 1000)) * 1000) / 10,
      [`with ${String(clientCount)} clients %core`]:
        Math.round((cpuWith / (seconds * 1000)) * 1000) / 10,
      'per client %core': Math.round(cpuPerClientPct * 100) / 100,
      'states published/s': Math.round(published / seconds),
      'frames delivered/s': Math.round(report.frames / seconds),
      'clients process %core': Math.round((report.cpuMs / (seconds * 1000)) * 1000) / 10,
    });

    // one client that never reads
    const baseline = process.memoryUsage();
    const stalled = await clients.ask({ op: 'stall', cookie: cookie() });
    if (stalled.op !== 'stalled') throw new Error('no stalled client');
    let maxRss = 0;
    let maxHeap = 0;
    let maxQueued = 0;
    const stallStarted = Date.now();
    while (Date.now() - stallStarted < stallSeconds * 1000) {
      await sleep(250);
      const m = process.memoryUsage();
      maxRss = Math.max(maxRss, m.rss);
      maxHeap = Math.max(maxHeap, m.heapUsed);
      maxQueued = Math.max(maxQueued, gateway.hub.stats().queuedBytes);
    }
    const stats = gateway.hub.stats();
    rows.push({
      measure: `one stalled client for ${String(stallSeconds)} s (at ${String(rate)} states/s)`,
      'gateway queued max MiB': mib(maxQueued),
      'gateway queued at end MiB': mib(stats.queuedBytes),
      'rss before MiB': mib(baseline.rss),
      'rss max MiB': mib(maxRss),
      'heap before MiB': mib(baseline.heapUsed),
      'heap max MiB': mib(maxHeap),
      'dropped clients': stats.droppedClients,
    });
    publisher.stop();
    await sleep(500);

    // snapshot of the open positions
    const snap = await snapshotTimes(wsUrl, origin, cookie(), 20);
    const serverSide: number[] = [];
    for (let i = 0; i < 50; i += 1) {
      const started = performance.now();
      const s = gateway.hub.snapshot('positions');
      JSON.stringify({
        type: 'snapshot',
        ch: 'positions',
        kind: s.kind,
        seq: s.seq,
        entries: s.entries.map((d) => ({ key: d.key, seq: d.seq, data: d.data })),
      });
      serverSide.push(performance.now() - started);
    }
    rows.push({
      measure: `snapshot of ${String(snap.entries)} open positions: sub -> snapshot parsed`,
      samples: snap.samples.length,
      'p50 ms': percentile(snap.samples, 50),
      'p99 ms': percentile(snap.samples, 99),
      goal: '<= 100 ms',
    });
    rows.push({
      measure: 'snapshot, gateway side alone (hub snapshot + frame JSON)',
      samples: serverSide.length,
      'p50 ms': percentile(serverSide, 50),
      'p99 ms': percentile(serverSide, 99),
    });
    await clients.ask({ op: 'close' });
  } finally {
    publisher.stop();
    await gateway.stop();
    await engine.close();
    await bus.close();
    await store.close();
    await removeNatsNamespace({ servers, namespace }).catch(() => undefined);
    await schema.dispose();
  }
  printTable('gateway: live WebSocket', rows);
  const file = writeResults('gateway', rows, {
    clients: clientCount,
    rate,
    positions,
    seconds,
    stallSeconds,
    publishFailures: publisher.failures,
    loadAverageAtStart: loadAtStart,
    loadAverageAtEnd: os.loadavg(),
    warnings: logs
      .filter((r) => r.level === 'warn')
      .map((r) => r.msg)
      .slice(0, 20),
  });
  console.log(`\nwrote ${file}`);
}
