/**
 * `npm run bench -- dashboard`: the web dashboard in Debian's Chromium, on a real gateway
 * (issue 14, "Benchmarks"). This process runs the dashboard-gateway (real NATS and PostgreSQL,
 * the built web app) and drives the browser; a child process plays the engine
 * (`dashboard-engine.ts`): it publishes position states on `hoga.position.state.<id>` and log
 * lines on the LOGS stream (`hoga.log.<service>.<level>`, through the bus log sink every service
 * uses), the paths the gateway reads. The page runs in headless Chromium (playwright-core); what
 * is measured inside it is in `dashboard-page.ts`.
 *
 * "2,000 positions, 20 updates/s each batch" is read as: 20 batches a second, each batch a burst
 * of `--batch=200` states (every position in turn: a position changes every
 * `--positions / --batch` batches, i.e. twice a second; 4,000 states/s) — the tick of the study
 * the budget comes from (docs/adr/0045). `--batch=2000` makes every position change in every
 * batch (40,000 states/s).
 *
 * Phases (each `--seconds=10`):
 * 1. initial JS: the scripts the page fetched until its first position row, gzip (level 9) of
 *    each built file and the bytes on the wire; `--loads=5` cold loads in fresh contexts, each
 *    from navigation start to the frame after the first position row (first data rendered).
 * 2. scrolling the positions table (`--scroll-px=48` a frame, down then up) without updates:
 *    frames/s (the reference). `--scroll=gesture` (default): wheel scroll gestures through
 *    DevTools, as a user scrolls; `--scroll=js`: a rAF loop sets `scrollTop` (forces a layout
 *    each frame: the harness's own cost).
 * 3. updates, not scrolling: long tasks, the rows' nodes at the start still the same nodes at the
 *    end (and none added or removed), publish -> pixels (each visible row's price cell: the
 *    published price shown, stamped at the next frame, against its publish time).
 * 4. updates while scrolling: frames/s, long tasks.
 * 5. logs: `--log-lines=5000` at `--log-rate=50`/s (four services in turn): the most log rows
 *    in the DOM at once, the lines the viewer holds, publish -> line on screen.
 * Flags: also `--positions=2000 --batches=20 --viewport=1440x900`; `--screenshot=<file.png>`;
 * `--profile=<file>`: the page's CPU profiles of phases 3, 4 and 5; `--web=<dir>`: serve that build.
 *
 * Files: the engine's child process (`dashboard-engine-process.ts`), Chromium and its CPU
 * (`dashboard-chromium.ts`), the cold loads (`dashboard-load.ts`), the page the other phases run
 * on and how each is measured (`dashboard-page-session.ts`), the table's phases
 * (`dashboard-table-phases.ts`), the log viewer's (`dashboard-logs-phase.ts`), the figures
 * (`dashboard-figures.ts`).
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { connectNatsBus, removeNatsNamespace } from '@hoga/bus';
import { start as startGateway } from '@hoga/dashboard-gateway';
import { PostgresEventStore } from '@hoga/event-store';
import { createLogger, unservedMetrics, type LogRecord } from '@hoga/telemetry';
import { createTestSchema, testNamespace } from '@hoga/testkit';
import { CHROMIUM, CHROMIUM_FLAGS } from './dashboard-chromium.js';
import { EngineProcess } from './dashboard-engine-process.js';
import { coldLoads, load, WEB_BUILD_DEFAULT, WEB_DIR } from './dashboard-load.js';
import { logViewer } from './dashboard-logs-phase.js';
import * as probe from './dashboard-page.js';
import { PageSession } from './dashboard-page-session.js';
import {
  scrollingAlone,
  updatesNotScrolling,
  updatesWhileScrolling,
  type TableWorld,
} from './dashboard-table-phases.js';
import { printTable, writeResults, type Row } from './report.js';
import { positiveArg, textArg } from './bench-args.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the benchmark (see the file comment). */
export async function run(args: string[]): Promise<void> {
  const positions = positiveArg(args, 'positions', 2_000);
  const batchesPerSecond = positiveArg(args, 'batches', 20);
  const batch = Math.min(positions, positiveArg(args, 'batch', 200));
  const seconds = positiveArg(args, 'seconds', 10);
  const loads = positiveArg(args, 'loads', 5);
  const scrollPx = positiveArg(args, 'scroll-px', 48);
  const scrollBy = textArg(args, 'scroll') === 'js' ? 'js' : 'gesture';
  const logLines = positiveArg(args, 'log-lines', 5_000);
  const logRate = positiveArg(args, 'log-rate', 50);
  const [width, height] = (textArg(args, 'viewport') ?? '1440x900').split('x').map(Number);
  const screenshot = textArg(args, 'screenshot');
  const profile = textArg(args, 'profile');
  const webBuild = textArg(args, 'web') ?? WEB_BUILD_DEFAULT;
  const loadAtStart = os.loadavg();

  const built = spawnSync(process.execPath, [join(WEB_DIR, 'build-if-needed.mjs')], {
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('the web app did not build');
  const servers = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
  const namespace = testNamespace('bench_dashboard');
  const logs: LogRecord[] = [];
  const logger = createLogger({
    service: 'dashboard-gateway',
    level: 'warn',
    sinks: [(r) => logs.push(r)],
  });
  const schema = await createTestSchema('bench_dashboard');
  const store = new PostgresEventStore({ ...schema.poolConfig, max: 4 });
  await store.migrate();
  const bus = await connectNatsBus({ servers, namespace, name: 'dashboard-gateway', logger });
  const gateway = await startGateway({
    env: {},
    config: { dashboardGateway: { port: 0, staticDir: webBuild } },
    connections: { bus, store, logger, database: schema.poolConfig, metrics: unservedMetrics() },
  });
  const origin = gateway.context.origin();
  const ids = Array.from({ length: positions }, (_, i) => `bench-${String(i).padStart(4, '0')}`);
  const engine = new EngineProcess();
  /** The rows by table: what is printed together shares its columns. */
  const tables = {
    load: [] as Row[],
    table: [] as Row[],
    latency: [] as Row[],
    logs: [] as Row[],
  };
  const notes: Record<string, unknown> = {};
  let browser: Browser | undefined;
  try {
    await engine.ask({ op: 'connect', servers, namespace, ids, batch }, 'ready');
    while (gateway.hub.snapshot('positions').entries.length < positions) await sleep(50);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    notes['chromium'] = browser.version();
    const newContext = async () => {
      const context = await browser!.newContext({
        locale: 'ko-KR',
        viewport: { width: width ?? 1440, height: height ?? 900 },
      });
      const session = gateway.context.sessions.open('bench:operator', 'operator');
      await context.addCookies([{ name: 'hoga_session', value: session.id, url: origin }]);
      await context.addInitScript(probe.installProbe);
      return context;
    };

    // 1. cold loads
    const cold = await coldLoads({ newContext, origin, loads, webBuild, positions });
    tables.load.push(...cold.rows);
    notes['coldLoads'] = cold.loads;

    // the page the rest runs on
    const context = await newContext();
    const { page } = await load(context, origin);
    await sleep(2_000);
    const session = new PageSession(page, context, { seconds, scrollPx, scrollBy, profile }, notes);
    const world: TableWorld = {
      ...{ session, engine, seconds, scrollPx, scrollBy },
      ...{ batch, batchesPerSecond, notes },
    };

    // 2. scrolling alone
    tables.table.push(await scrollingAlone(world));
    await sleep(500);

    // 3. updates, not scrolling
    const updates = await updatesNotScrolling(world);
    tables.table.push(updates.table);
    tables.latency.push(...updates.latency);
    await sleep(500);

    // 4. updates while scrolling
    tables.table.push(await updatesWhileScrolling(world));
    if (screenshot !== undefined) await page.screenshot({ path: screenshot });
    await sleep(1_000);

    // 5. logs
    tables.logs.push(...(await logViewer(session, engine, logLines, logRate)));
    await context.close();
  } finally {
    await engine.ask({ op: 'close' }, 'closed').catch(() => undefined);
    engine.kill();
    await browser?.close();
    await gateway.stop();
    await bus.close();
    await store.close();
    await removeNatsNamespace({ servers, namespace }).catch(() => undefined);
    await schema.dispose();
  }
  printTable('dashboard: initial load', tables.load);
  printTable('dashboard: the positions table', tables.table);
  printTable('dashboard: publish -> pixels', tables.latency);
  printTable('dashboard: the log viewer', tables.logs);
  const rows = [...tables.load, ...tables.table, ...tables.latency, ...tables.logs];
  const file = writeResults('dashboard', rows, {
    ...notes,
    positions,
    batchesPerSecond,
    batch,
    seconds,
    scrollPx,
    scrollBy,
    logLines,
    logRate,
    viewport: `${String(width)}x${String(height)}`,
    loadAverageAtStart: loadAtStart,
    loadAverageAtEnd: os.loadavg(),
    warnings: logs
      .filter((r) => r.level === 'warn')
      .map((r) => r.msg)
      .slice(0, 20),
  });
  console.log(`\nwrote ${file}`);
}
