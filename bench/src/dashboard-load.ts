import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import * as probe from './dashboard-page.js';
import { kb, round } from './dashboard-figures.js';
import { percentile, type Row } from './report.js';

export const WEB_DIR = fileURLToPath(
  new URL('../../services/dashboard-gateway/web/', import.meta.url),
);
export const WEB_BUILD_DEFAULT = join(WEB_DIR, 'dist/app');

/** The built page's scripts (`assets/*.js`): path -> raw and gzip (level 9) bytes. */
function builtScripts(webBuild: string): Map<string, { raw: number; gzip: number }> {
  const sizes = new Map<string, { raw: number; gzip: number }>();
  for (const name of readdirSync(join(webBuild, 'assets')).filter((n) => n.endsWith('.js'))) {
    const bytes = readFileSync(join(webBuild, 'assets', name));
    sizes.set(`assets/${name}`, { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return sizes;
}

export interface Load {
  readonly firstRowFrameAt: number;
  readonly firstRowAt: number;
  readonly domContentLoaded: number;
  readonly firstContentfulPaint: number;
  readonly longestTask: number;
  /** Scripts fetched before the first row: path and bytes on the wire. */
  readonly scripts: { path: string; wire: number }[];
}

/** Opens the dashboard in `context` and waits for its first position row on screen. */
export async function load(
  context: BrowserContext,
  origin: string,
): Promise<{ page: Page; load: Load }> {
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
 * Phase 1: `loads` cold loads, each in a fresh context, then the rows: the initial JavaScript
 * (fetched before the first row; gzip of each built file and the bytes on the wire), the chunks
 * not loaded, and navigation -> first position row on screen.
 */
export async function coldLoads(options: {
  readonly newContext: () => Promise<BrowserContext>;
  readonly origin: string;
  readonly loads: number;
  readonly webBuild: string;
  readonly positions: number;
}): Promise<{ rows: Row[]; loads: Load[] }> {
  const loads: Load[] = [];
  for (let i = 0; i < options.loads; i += 1) {
    const context = await options.newContext();
    loads.push((await load(context, options.origin)).load);
    await context.close();
  }
  const rows: Row[] = [];
  const sizes = builtScripts(options.webBuild);
  const initial = loads[0]!.scripts;
  const gzip = initial.reduce((s, f) => s + (sizes.get(f.path.slice(1))?.gzip ?? NaN), 0);
  const raw = initial.reduce((s, f) => s + (sizes.get(f.path.slice(1))?.raw ?? NaN), 0);
  rows.push({
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
      rows.push({
        measure: `  not loaded here: ${path.replace(/^assets\//, '').replace(/-[\w-]+\.js$/, '')} chunk`,
        'raw KB': kb(size.raw),
        'gzip KB': kb(size.gzip),
      });
  const firstData = loads.map((l) => l.firstRowFrameAt);
  rows.push({
    measure: `cold load -> first position row on screen (${String(options.positions)} positions)`,
    samples: loads.length,
    'p50 ms': percentile(firstData, 50),
    'max ms': percentile(firstData, 100),
    'DOMContentLoaded p50 ms': percentile(
      loads.map((l) => l.domContentLoaded),
      50,
    ),
    'FCP p50 ms': percentile(
      loads.map((l) => l.firstContentfulPaint),
      50,
    ),
    'longest task ms': round(Math.max(...loads.map((l) => l.longestTask))),
    goal: '<= 1,000 ms',
  });
  return { rows, loads };
}
