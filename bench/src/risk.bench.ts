/**
 * `npm run bench -- risk`: from the breaching tick to liquidation, on the full path.
 * - Detection alone: risk-guard's `measureBreachDetection()` (one warm risk-guard, in-process
 *   bus, in-memory store): a breaching tick, detection and the delivered halt, then resume and
 *   re-arm, repeated.
 * - Full path, per N = 12, 50, 200: risk-guard + position-actor + order-executor on one
 *   in-process broker, PostgreSQL (one schema: event store of position-actor and risk-guard, the
 *   executor's tables), the embedded Upbit emulator with its real rate limits (order group
 *   12/s). N positions enter through the executor (market buys at 100,000,000), then the
 *   emulator's price is set 20 % lower and a simulated market-feed publishes that tick: each
 *   position's loss is 20 % (their stop-loss is 50 %, so only the 5 % global loss limit fires).
 *   Timed from the tick's publish: breach detected (`onBreachDetected`), `RiskHalt` delivered,
 *   first exit `PlaceOrder` on `hoga.order.cmd`, and every exit accepted by the emulator
 *   (`admin.orders`, polled every 5 ms); 429s counted by the executor's Upbit client
 *   (`onRateLimited`). Bound: N / 12 s + 1 s.
 * Flags: `--n=12,50,200`, `--runs=3` (full-path runs per N), `--detections=1000`.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { createInProcessBroker, createInProcessBus, type Bus } from '@hoga/bus';
import { subjects } from '@hoga/contracts';
import { PostgresEventStore } from '@hoga/event-store';
import { dec, type Market } from '@hoga/model';
import { start as startExecutor } from '@hoga/order-executor';
import { DEFAULT_PRICE_SANITY } from '@hoga/position';
import { startService as startPositionActor } from '@hoga/position-actor/testing';
import { startService as startRiskGuard } from '@hoga/risk-guard/testing';
import { measureBreachDetection } from '@hoga/risk-guard/testing';
import { createLogger, type LogRecord } from '@hoga/telemetry';
import { createTestSchema } from '@hoga/testkit';
import { UpbitClient } from '@hoga/upbit';
import { startEmulator } from '@hoga/upbit-emulator';
import { runStrategiesOn, waitFor } from './risk-world.js';
import { percentile, printTable, writeResults, type Row } from './report.js';

const MARKET = 'KRW-BTC' as Market;
const KEYS = { accessKey: 'bench-access', secretKey: 'bench-secret-0123456789' };
const BUDGET = 200_000;
const ENTRY = 100_000_000;
const DROPPED = 80_000_000;
/**
 * The breach path alone: the one-tick 20 % drop goes through the tick gate without its hold
 * (ADR 0024); what the hold adds to a real move is measured by `npm run bench -- tick-gate`.
 */
const NO_HOLD = { ...DEFAULT_PRICE_SANITY, confirmTrades: 0 };
const LOSS_LIMIT_PCT = 5;

const list = (args: readonly string[], name: string, fallback: number[]): number[] => {
  const raw = args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const values = raw
    ?.split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  return values !== undefined && values.length > 0 ? values : fallback;
};

async function detectionRows(count: number): Promise<Row[]> {
  const timings = await measureBreachDetection(count);
  const detected = timings.map((t) => t.detectedMs);
  const halted = timings.map((t) => t.haltDeliveredMs);
  const row = (what: string, samples: number[]): Row => ({
    measure: what,
    samples: samples.length,
    'p50 ms': percentile(samples, 50),
    'p99 ms': percentile(samples, 99),
    'max ms': percentile(samples, 100),
  });
  return [
    row('breaching tick published → breach detected', detected.slice(20)),
    row('breaching tick published → RiskHalt delivered', halted.slice(20)),
  ];
}

/** One full-path liquidation of `n` positions. */
async function liquidation(n: number): Promise<{ row: Row; warnings: string[] }> {
  const logs: LogRecord[] = [];
  const logger = (service: string) =>
    createLogger({ service, level: 'warn', sinks: [(r) => void logs.push(r)] });
  const schema = await createTestSchema('bench_risk');
  const em = await startEmulator({
    seed: 'bench-risk',
    tickIntervalMs: 0,
    historyMinutes: 5,
    markets: [{ market: MARKET, startPrice: String(ENTRY), book: { levelKrw: '10000000000' } }],
    accounts: [{ ...KEYS, balances: { KRW: String(n * BUDGET * 1.2), BTC: '0' } }],
    rateLimits: { enabled: true },
  });
  const broker = createInProcessBroker();
  const bus = (): Bus => createInProcessBus({ broker });
  const [riskBus, actorBus, executorBus, outside] = [bus(), bus(), bus(), bus()];
  const store = new PostgresEventStore({ ...schema.poolConfig, max: 10 });
  await store.migrate();
  let rateLimited = 0;
  const upbitClient = new UpbitClient({
    baseUrl: em.url,
    credentials: KEYS,
    timeoutMs: 10_000,
    onRateLimited: () => void (rateLimited += 1),
  });
  let detectedAt = Number.NaN;
  const stops: (() => Promise<unknown>)[] = [];
  try {
    const guard = await startRiskGuard({
      bus: riskBus,
      store,
      logger: logger('risk-guard'),
      lossLimitPct: dec(LOSS_LIMIT_PCT),
      watchdogIntervalMs: 0,
      priceSanity: NO_HOLD,
      onBreachDetected: () => {
        if (Number.isNaN(detectedAt)) detectedAt = performance.now();
      },
    });
    stops.push(() => guard.stop());
    const executor = await startExecutor({
      env: {},
      config: { upbit: { baseUrl: em.url, wsUrl: em.privateWsUrl, ...KEYS } },
      connections: {
        bus: executorBus,
        database: { ...schema.poolConfig, max: 5 },
        upbitClient,
        logger: logger('order-executor'),
      },
    });
    stops.push(() => executor.stop());
    const actor = await startPositionActor({
      bus: actorBus,
      store,
      logger: logger('position-actor'),
      priceSanity: NO_HOLD,
    });
    stops.push(() => actor.stop());
    const armed = await waitFor(() => guard.guard.state.lossLimit !== null, 15_000);
    if (!armed) throw new Error('risk-guard did not arm the loss limit (no account state)');
    const statuses = new Map<string, string>();
    let haltAt = Number.NaN;
    let firstExitAt = Number.NaN;
    let lastExitAt = Number.NaN;
    let exitsPublished = 0;
    await outside.subscribe(subjects.positionState('*'), (d) => {
      statuses.set(d.data.data.positionId, d.data.data.status);
    });
    await outside.subscribe(subjects.riskHalt(), () => {
      if (Number.isNaN(haltAt)) haltAt = performance.now();
    });
    await outside.subscribe(subjects.orderCmd(), (d) => {
      if (d.data.type !== 'PlaceOrder' || d.data.data.side !== 'ask') return;
      exitsPublished += 1;
      lastExitAt = performance.now();
      if (Number.isNaN(firstExitAt)) firstExitAt = lastExitAt;
    });
    const entryStart = performance.now();
    await runStrategiesOn(outside, n, MARKET, BUDGET);
    const active = () => [...statuses.values()].filter((s) => s === 'active').length;
    if (!(await waitFor(() => active() >= n, n * 200 + 20_000, 20)))
      throw new Error(`only ${active()} of ${n} positions became active`);
    const entryMs = performance.now() - entryStart;
    const entry429 = rateLimited;
    // Past the position-state throttle (1 s) and the emulator's 1 s rate window.
    await new Promise((r) => setTimeout(r, 1500));
    await actor.idle();
    const exitOrders = () => em.admin.orderCount({ accessKey: KEYS.accessKey, side: 'ask' });
    em.admin.setPrice(MARKET, String(DROPPED));
    const t0 = performance.now();
    await outside.publish(subjects.mdTick(MARKET), {
      id: `bench-breach-${n}`,
      type: 'Tick',
      occurredAt: new Date().toISOString(),
      causationId: null,
      correlationId: `bench-breach-${n}`,
      data: {
        market: MARKET,
        price: dec(DROPPED) as never,
        volume: dec('0.01') as never,
        side: 'ask',
        tradeTimestamp: Date.now(),
        sequentialId: 1,
        bestBid: null,
        bestAsk: null,
      },
    });
    const bound = (n / 12) * 1000 + 1000;
    let firstAcceptedAt = Number.NaN;
    const allAccepted = await waitFor(
      () => {
        const count = exitOrders();
        if (count > 0 && Number.isNaN(firstAcceptedAt)) firstAcceptedAt = performance.now();
        return count >= n;
      },
      bound * 3 + 10_000,
      5,
    );
    const allMs = allAccepted ? performance.now() - t0 : Number.NaN;
    return {
      row: {
        N: n,
        'entries ms': entryMs,
        'detected ms': detectedAt - t0,
        'halt delivered ms': haltAt - t0,
        'first exit PlaceOrder ms': firstExitAt - t0,
        'last exit PlaceOrder ms': lastExitAt - t0,
        'first exit accepted ms': firstAcceptedAt - t0,
        'all N exits accepted ms': allMs,
        'bound N/12+1 s ms': bound,
        'exit PlaceOrders': exitsPublished,
        'exits accepted': exitOrders(),
        '429 (exits)': rateLimited - entry429,
        '429 (entries)': entry429,
      },
      warnings: [...new Set(logs.map((l) => `${l.level}: ${l.msg}`))],
    };
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    for (const b of [outside, executorBus, actorBus, riskBus]) await b.close();
    await store.close();
    await em.close();
    await schema.dispose();
  }
}

/** The runs of one N: medians, and the worst case of what a goal bounds. */
function summaryOf(n: number, runs: readonly Row[]): Row {
  const column = (name: string) => runs.map((r) => Number(r[name]));
  const median = (name: string) => percentile(column(name), 50);
  const worst = (name: string) => percentile(column(name), 100);
  const sum = (name: string) => column(name).reduce((a, b) => a + b, 0);
  return {
    N: n,
    runs: runs.length,
    'detected ms p50': median('detected ms'),
    'first exit PlaceOrder ms p50': median('first exit PlaceOrder ms'),
    'first exit PlaceOrder ms max': worst('first exit PlaceOrder ms'),
    'all N accepted ms p50': median('all N exits accepted ms'),
    'all N accepted ms max': worst('all N exits accepted ms'),
    'bound N/12+1 s ms': (n / 12) * 1000 + 1000,
    '429 (all runs)': sum('429 (exits)') + sum('429 (entries)'),
  };
}

export async function run(args: string[]): Promise<void> {
  const sizes = list(args, 'n', [12, 50, 200]);
  const detections = list(args, 'detections', [1000])[0]!;
  const detection = await detectionRows(detections + 20);
  printTable(
    'Breach detection (measureBreachDetection: one warm risk-guard, in-process bus, in-memory store; 20 warm-up samples dropped)',
    detection,
  );
  const runs = list(args, 'runs', [3])[0]!;
  const rows: Row[] = [];
  const summary: Row[] = [];
  const warnings: Record<string, string[]> = {};
  for (const n of sizes) {
    const mine: Row[] = [];
    for (let i = 1; i <= runs; i++) {
      const r = await liquidation(n);
      mine.push({ run: i, ...r.row });
      warnings[`N=${n} run ${i}`] = r.warnings;
    }
    rows.push(...mine);
    summary.push(summaryOf(n, mine));
  }
  printTable(
    'Liquidation, full path, every run (risk-guard + position-actor + order-executor, in-process bus, PostgreSQL, emulator at 12 orders/s)',
    rows,
  );
  printTable(
    `Liquidation, per N over ${runs} runs (the goal columns in bold in bench/README.md)`,
    summary,
  );
  const file = writeResults('risk', [...detection, ...summary, ...rows], {
    loadAverage: os.loadavg(),
    lossLimitPct: LOSS_LIMIT_PCT,
    priceDropPct: 20,
    warnings,
    goals: { detectionMs: 1, firstOrderMs: 10, allWithinMs: 'N/12 s + 1 s', rateLimited: 0 },
    notes: [
      'times are from publishing the breaching tick (a simulated market-feed) on the in-process bus',
      'path: tick → risk-guard marks the holdings to it and detects (no position state needed) → LossLimitBreached appended (PostgreSQL) → KV HALTED + RiskHalt with the liquidation plan → position-actor feeds the halt in plan order (largest exposure first, one per 1/12 s) → ExitOrderRequested appended with the outbox row → relay → PlaceOrder → order-executor (row + POST /v1/orders through its rate limiter) → emulator; meanwhile every actor processes the same tick on the same event loop',
      "exits accepted = the emulator's own count of ask orders (admin.orderCount: nothing rendered), polled every 5 ms",
      '429s: counted by the Upbit client of the executor (onRateLimited), entries and exits separately',
    ],
  });
  console.log(`\nwrote ${file}`);
}
