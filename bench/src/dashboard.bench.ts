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
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { connectNatsBus, removeNatsNamespace } from '@hoga/bus';
import { start as startGateway } from '@hoga/dashboard-gateway';
import { PostgresEventStore } from '@hoga/event-store';
import { createLogger, unservedMetrics, type LogRecord } from '@hoga/telemetry';
import { createTestSchema, testNamespace } from '@hoga/testkit';
import { ENTRY, TICK, VOLUME, type EngineCommand, type EngineReport } from './dashboard-engine.js';
import * as probe from './dashboard-page.js';
import { percentile, printTable, writeResults, type Row } from './report.js';
import { positiveArg, textArg } from './bench-args.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;
const kb = (bytes: number): number => round(bytes / 1000);

const WEB_DIR = fileURLToPath(new URL('../../services/dashboard-gateway/web/', import.meta.url));
const WEB_BUILD_DEFAULT = join(WEB_DIR, 'dist/app');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
];
/** The update number a shown valuation (`100,014원`) or a last price (`100014000`) stands for. */
const updateOfValuation = (shown: string): number =>
  Number(shown.replace(/\D/g, '')) - ENTRY * VOLUME;
const updateOfPrice = (last: string): number => (Number(last) - ENTRY) / TICK;

/** The engine's side in a child process (`dashboard-engine.ts`), over IPC. */
class Engine {
  readonly #child: ChildProcess;
  readonly #waiting: ((r: EngineReport) => void)[] = [];

  constructor() {
    const here = dirname(fileURLToPath(import.meta.url));
    this.#child = fork(join(here, 'dashboard-engine.js'), [], { stdio: 'inherit' });
    this.#child.on('message', (r: EngineReport) => this.#waiting.shift()?.(r));
    this.#child.on('exit', (code) => {
      for (const waiting of this.#waiting.splice(0))
        waiting({ op: 'failed', message: `the engine process exited (${String(code)})` });
    });
  }

  async ask<K extends EngineReport['op']>(
    command: EngineCommand,
    expected: K,
  ): Promise<Extract<EngineReport, { op: K }>> {
    const report = await new Promise<EngineReport>((resolve) => {
      this.#waiting.push(resolve);
      this.#child.send(command);
    });
    if (report.op !== expected) throw new Error(`engine: ${JSON.stringify(report)}`);
    return report as Extract<EngineReport, { op: K }>;
  }

  kill(): void {
    if (this.#child.exitCode === null) this.#child.kill();
  }
}

/** The built page's scripts (`assets/*.js`): path -> raw and gzip (level 9) bytes. */
function builtScripts(webBuild: string): Map<string, { raw: number; gzip: number }> {
  const sizes = new Map<string, { raw: number; gzip: number }>();
  for (const name of readdirSync(join(webBuild, 'assets')).filter((n) => n.endsWith('.js'))) {
    const bytes = readFileSync(join(webBuild, 'assets', name));
    sizes.set(`assets/${name}`, { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return sizes;
}

interface Load {
  readonly firstRowFrameAt: number;
  readonly firstRowAt: number;
  readonly domContentLoaded: number;
  readonly firstContentfulPaint: number;
  readonly longestTask: number;
  /** Scripts fetched before the first row: path and bytes on the wire. */
  readonly scripts: { path: string; wire: number }[];
}

/** Opens the dashboard in `context` and waits for its first position row on screen. */
async function load(context: BrowserContext, origin: string): Promise<{ page: Page; load: Load }> {
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  page.on('pageerror', (e) => console.log(`[page error] ${e.message}`));
  const fetched: Promise<{ path: string; wire: number }>[] = [];
  page.on('requestfinished', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith('.js'))
      fetched.push(request.sizes().then((s) => ({ path, wire: s.responseBodySize })));
  });
  await page.goto(`${origin}/`);
  await page.waitForFunction(
    () =>
      (globalThis as unknown as { hogaBench: probe.BenchProbe }).hogaBench.firstRowFrameAt !==
      undefined,
  );
  const figures = await page.evaluate(probe.loadFigures);
  return {
    page,
    load: {
      firstRowFrameAt: figures.firstRowFrameAt,
      firstRowAt: figures.firstRowAt,
      domContentLoaded: figures.domContentLoaded,
      firstContentfulPaint: figures.firstContentfulPaint,
      longestTask: Math.max(0, ...figures.longTasks.map((t) => t.duration)),
      scripts: await Promise.all(fetched),
    },
  };
}

/**
 * CPU milliseconds used so far by the browser's processes (the chromium this process started and
 * its descendants, from /proc), by kind: `renderer` (the page's process) and `all`.
 */
function chromiumCpuMs(): { renderer: number; all: number } {
  const tick = 1000 / 100; // USER_HZ
  const children = new Map<number, number[]>();
  const stats = new Map<number, { cpuMs: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(name);
      const ppid = Number(fields[1]);
      stats.set(pid, { cpuMs: (Number(fields[11]) + Number(fields[12])) * tick });
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // the process ended meanwhile
    }
  }
  const cmdline = (pid: number): string => {
    try {
      return readFileSync(`/proc/${String(pid)}/cmdline`, 'utf8');
    } catch {
      return ''; // ended
    }
  };
  let renderer = 0;
  let all = 0;
  const visit = (pid: number): void => {
    const cpuMs = stats.get(pid)?.cpuMs ?? 0;
    all += cpuMs;
    if (cmdline(pid).includes('--type=renderer')) renderer += cpuMs;
    for (const child of children.get(pid) ?? []) visit(child);
  };
  for (const pid of children.get(process.pid) ?? [])
    if (cmdline(pid).includes('chromium')) visit(pid);
  return { renderer, all };
}

/** Frames/s over the run, the worst one-second window, and frames longer than 25 ms. */
function frameFigures(frames: readonly number[]) {
  const span = (frames.at(-1)! - frames[0]!) / 1000;
  let worst = Infinity;
  for (let i = 0, j = 0; i < frames.length; i += 1) {
    while (j < frames.length && frames[j]! - frames[i]! <= 1000) j += 1;
    if (frames[i]! + 1000 <= frames.at(-1)!) worst = Math.min(worst, j - i - 1);
  }
  const gaps = frames.slice(1).map((f, i) => f - frames[i]!);
  return {
    fps: round((frames.length - 1) / span),
    worstSecond: worst,
    slowFrames: gaps.filter((g) => g > 25).length,
    longestFrame: round(Math.max(...gaps)),
  };
}

/** The page's process, all of Chromium and this process (the gateway, playwright's side). */
const gatewayFigures = (m: {
  rendererPct: number;
  chromiumPct: number;
  cpuPct: number;
  loopP99: number;
}): Row => ({
  'renderer %core': round(m.rendererPct),
  'chromium %core': round(m.chromiumPct),
  'gateway process %core': round(m.cpuPct),
  'gateway loop delay p99 ms': round(m.loopP99),
});

const longTaskFigures = (tasks: readonly { duration: number }[]) => ({
  'long tasks': tasks.length,
  'longest task ms': round(Math.max(0, ...tasks.map((t) => t.duration))),
  'tasks > 100 ms': tasks.filter((t) => t.duration > 100).length,
});

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
  const engine = new Engine();
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
    const coldLoads: Load[] = [];
    for (let i = 0; i < loads; i += 1) {
      const context = await newContext();
      coldLoads.push((await load(context, origin)).load);
      await context.close();
    }
    const sizes = builtScripts(webBuild);
    const initial = coldLoads[0]!.scripts;
    const gzip = initial.reduce((s, f) => s + (sizes.get(f.path.slice(1))?.gzip ?? NaN), 0);
    const raw = initial.reduce((s, f) => s + (sizes.get(f.path.slice(1))?.raw ?? NaN), 0);
    tables.load.push({
      measure: 'initial JavaScript (fetched before the first row)',
      files: initial.length,
      'raw KB': kb(raw),
      'gzip KB': kb(gzip),
      'on the wire KB': kb(initial.reduce((s, f) => s + f.wire, 0)),
      goal: '<= 150 KB gzip',
    });
    // the chunks loaded later (a position's chart; Faro at start when a collector is configured)
    for (const [path, size] of sizes)
      if (!initial.some((f) => f.path === `/${path}`))
        tables.load.push({
          measure: `  not loaded here: ${path.replace(/^assets\//, '').replace(/-[\w-]+\.js$/, '')} chunk`,
          'raw KB': kb(size.raw),
          'gzip KB': kb(size.gzip),
        });
    const firstData = coldLoads.map((l) => l.firstRowFrameAt);
    tables.load.push({
      measure: `cold load -> first position row on screen (${String(positions)} positions)`,
      samples: coldLoads.length,
      'p50 ms': percentile(firstData, 50),
      'max ms': percentile(firstData, 100),
      'DOMContentLoaded p50 ms': percentile(
        coldLoads.map((l) => l.domContentLoaded),
        50,
      ),
      'FCP p50 ms': percentile(
        coldLoads.map((l) => l.firstContentfulPaint),
        50,
      ),
      'longest task ms': round(Math.max(...coldLoads.map((l) => l.longestTask))),
      goal: '<= 1,000 ms',
    });
    notes['coldLoads'] = coldLoads;

    // the page the rest runs on
    const context = await newContext();
    const { page } = await load(context, origin);
    await sleep(2_000);
    /** `work`'s result, the page's long tasks and this process's CPU and event-loop delay. */
    const measured = async <T>(work: () => Promise<T>) => {
      const { now } = await page.evaluate(probe.longTasksSince, 0);
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      const cpu = process.cpuUsage();
      const chromiumFrom = chromiumCpuMs();
      const started = performance.now();
      const result = await work();
      const used = process.cpuUsage(cpu);
      const chromiumTo = chromiumCpuMs();
      const elapsed = performance.now() - started;
      loop.disable();
      const { longTasks } = await page.evaluate(probe.longTasksSince, now);
      return {
        result,
        longTasks,
        cpuPct: (used.user + used.system) / 10 / elapsed,
        rendererPct: ((chromiumTo.renderer - chromiumFrom.renderer) / elapsed) * 100,
        chromiumPct: ((chromiumTo.all - chromiumFrom.all) / elapsed) * 100,
        loopP99: loop.percentile(99) / 1e6,
      };
    };

    /** With `--profile=<file>`: the page's CPU profile of a phase, in `<file>-<phase>.cpuprofile`. */
    const profiler = async (phase: string) => {
      if (profile === undefined) return { stop: async () => undefined };
      const cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
      return {
        stop: async () => {
          const file = `${profile.replace(/\.cpuprofile$/, '')}-${phase}.cpuprofile`;
          writeFileSync(file, JSON.stringify((await cdp.send('Profiler.stop')).profile));
          await cdp.detach();
          console.log(`wrote the page's CPU profile of the ${phase} to ${file}`);
        },
      };
    };

    /**
     * Scrolls the table for `seconds` and returns the frames: `--scroll=gesture` (the default)
     * as a user's mouse wheel through DevTools' `Input.synthesizeScrollGesture` (the browser
     * scrolls, as for a wheel: no script sets `scrollTop`), down at `scrollPx` a 60 Hz frame and
     * back up; `--scroll=js`: the page's rAF loop sets `scrollTop` each frame.
     */
    const scrollFor = async () => {
      if (scrollBy === 'js') {
        await page.evaluate(probe.startScrolling, scrollPx);
        await sleep(seconds * 1000);
        return page.evaluate(probe.stopScrolling);
      }
      const cdp = await context.newCDPSession(page);
      const box = await page.locator('.table-scroll').boundingBox();
      if (box === null) throw new Error('no positions table');
      await page.evaluate(probe.startScrolling, 0);
      const speed = scrollPx * 60;
      const end = performance.now() + seconds * 1000;
      let direction = -1;
      while (performance.now() < end) {
        const left = (end - performance.now()) / 1000;
        await cdp.send('Input.synthesizeScrollGesture', {
          x: box.x + box.width / 2,
          y: box.y + box.height / 2,
          yDistance: direction * Math.max(1, Math.round(Math.min(left, seconds / 2) * speed)),
          speed,
          preventFling: true,
          gestureSourceType: 'mouse',
        });
        if (direction === -1)
          // the gesture moved the table (a gesture that missed it would measure idle frames)
          notes['scrollTopAfterGesture'] = await page
            .locator('.table-scroll')
            .evaluate((el) => el.scrollTop);
        direction = -direction;
      }
      await cdp.detach();
      return page.evaluate(probe.stopScrolling);
    };

    // 2. scrolling alone
    const idle = await measured(async () => {
      return scrollFor();
    });
    const idleFrames = frameFigures(idle.result.frames);
    tables.table.push({
      measure: `scrolling the table, no updates (${scrollBy}, ${String(scrollPx)} px a frame)`,
      'frames/s': idleFrames.fps,
      'worst second fps': idleFrames.worstSecond,
      'frames > 25 ms': idleFrames.slowFrames,
      'longest frame ms': idleFrames.longestFrame,
      ...longTaskFigures(idle.longTasks),
      'rows in DOM': idle.result.rowsInDom,
      goal: '>= 55 frames/s',
    });
    await sleep(500);

    // 3. updates, not scrolling
    const statesPerSecond = batch * batchesPerSecond;
    const updates = await measured(async () => {
      const watched = await page.evaluate(probe.watchRows);
      const profiling = await profiler('updates');
      await engine.ask({ op: 'start', batchesPerSecond }, 'started');
      await sleep(seconds * 1000);
      const stopped = await engine.ask({ op: 'stop' }, 'stopped');
      await profiling.stop();
      await sleep(1_000);
      return { watched, stopped, seen: await page.evaluate(probe.stopWatchingRows) };
    });
    const { seen, stopped } = updates.result;
    const publishedAt = new Map(stopped.publishedAt);
    const watchedIds = new Set(seen.ids);
    const sentAtOf = (id: string, n: number) => publishedAt.get(`${id}:${String(n)}`);
    const receivedAt = new Map<string, number>();
    const toPage: number[] = [];
    for (const [id, last, at] of seen.received) {
      const n = updateOfPrice(last);
      receivedAt.set(`${id}:${String(n)}`, at);
      const sent = sentAtOf(id, n);
      if (sent !== undefined) toPage.push(at - sent);
    }
    const toPixels: number[] = [];
    const inPage: number[] = [];
    const updatedRows = new Set<string>();
    let unmatched = 0;
    for (const [id, shown, at] of seen.seen) {
      const n = updateOfValuation(shown);
      const sent = sentAtOf(id, n);
      if (sent === undefined) {
        unmatched += 1;
        continue;
      }
      toPixels.push(at - sent);
      updatedRows.add(id);
      const received = receivedAt.get(`${id}:${String(n)}`);
      if (received !== undefined) inPage.push(at - received);
    }
    tables.table.push({
      measure: `${String(seconds)} s of updates: ${String(batchesPerSecond)} batches/s x ${String(batch)} states, not scrolling`,
      'states/s': Math.round(stopped.publishedAt.length / seconds),
      ...longTaskFigures(updates.longTasks),
      'rows watched': seen.watched,
      'rows updated': updatedRows.size,
      'same node at end': seen.sameNode,
      'row nodes added/removed': seen.rowsAdded + seen.rowsRemoved,
      ...gatewayFigures(updates),
      goal: 'no task > 100 ms; every row the same node',
    });
    const latencyRow = (measure: string, samples: readonly number[], extra: Row = {}): Row => ({
      measure,
      samples: samples.length,
      'p50 ms': percentile(samples, 50),
      'p99 ms': percentile(samples, 99),
      'max ms': percentile(samples, 100),
      ...extra,
    });
    tables.latency.push(
      latencyRow('publish -> pixels (a visible row shows the state, next frame)', toPixels, {
        'not matched': unmatched,
        'visible rows: states published': stopped.publishedAt.filter(([key]) =>
          watchedIds.has(key.slice(0, key.lastIndexOf(':'))),
        ).length,
        'delivered to the page': seen.received.length,
        goal: 'p99 <= 100 ms',
      }),
      latencyRow("  of which publish -> the page's socket listener", toPage),
      latencyRow('  of which socket listener -> next frame with it', inPage),
    );
    notes['statesPublishedPerSecond'] = stopped.publishedAt.length / seconds;
    notes['engineProcessPctCore'] = round(stopped.cpuMs / (seconds * 10));
    await sleep(500);

    // 4. updates while scrolling
    const scrolling = await measured(async () => {
      const profiling = await profiler('scrolling');
      await engine.ask({ op: 'start', batchesPerSecond }, 'started');
      const result = await scrollFor();
      await profiling.stop();
      const stopped = await engine.ask({ op: 'stop' }, 'stopped');
      notes['publishFailures'] = stopped.failures;
      return result;
    });
    const scrollFrames = frameFigures(scrolling.result.frames);
    tables.table.push({
      measure: `scrolling the table during the updates (${scrollBy}, ${String(statesPerSecond)} states/s)`,
      'frames/s': scrollFrames.fps,
      'worst second fps': scrollFrames.worstSecond,
      'frames > 25 ms': scrollFrames.slowFrames,
      'longest frame ms': scrollFrames.longestFrame,
      ...longTaskFigures(scrolling.longTasks),
      'rows in DOM': scrolling.result.rowsInDom,
      ...gatewayFigures(scrolling),
      goal: '>= 55 frames/s, no task > 100 ms',
    });
    if (screenshot !== undefined) await page.screenshot({ path: screenshot });
    await sleep(1_000);

    // 5. logs
    await page.evaluate(probe.watchLogs);
    const logWindow = await measured(async () => {
      const profiling = await profiler('logs');
      const logged = await engine.ask(
        { op: 'logs', lines: logLines, perSecond: logRate },
        'logged',
      );
      await profiling.stop();
      await sleep(2_000);
      return { ...(await page.evaluate(probe.logFigures)), ...logged };
    });
    const logFigures = logWindow.result;
    const sentAt = logFigures.sentAt;
    const shownAfter = logFigures.firstSeen.map(([n, at]) => at - sentAt[n]!);
    const held = Number(/[\d,]+/.exec(logFigures.heading)?.[0]?.replaceAll(',', '') ?? NaN);
    tables.logs.push({
      measure: `${String(logLines)} log lines at ${String(logRate)}/s, live tail`,
      'lines held': held,
      'most rows in DOM': logFigures.maxRows,
      'rows in DOM at end': logFigures.rowsNow,
      'lines seen on screen': logFigures.firstSeen.length,
      'lines dropped by the sink': logFigures.dropped,
      ...longTaskFigures(logWindow.longTasks),
      ...gatewayFigures(logWindow),
      goal: '< 200 rows in the DOM',
    });
    tables.logs.push({
      measure: 'log line published -> on screen (next frame)',
      samples: shownAfter.length,
      'p50 ms': percentile(shownAfter, 50),
      'p99 ms': percentile(shownAfter, 99),
      'max ms': percentile(shownAfter, 100),
      goal: 'within 1 s',
    });
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
