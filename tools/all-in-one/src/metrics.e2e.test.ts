import { equal, ok } from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Label, Metrics, prometheusLabel, prometheusName, type MetricSpec } from '@hoga/telemetry';
import { samplesOf, scrapePrometheus, type PromExposition } from '@hoga/testkit';
import { hogaJson, runEngine, type EngineProcess } from './testing/engine-process.js';

/** The sum of a metric's samples whose labels include `labels`. */
const total = (
  s: PromExposition,
  m: MetricSpec,
  labels: Record<string, string> = {},
  suffix = '',
) => samplesOf(s, `${prometheusName(m)}${suffix}`, labels).reduce((sum, x) => sum + x.value, 0);

/** Polls `probe` until it returns without throwing (bounded); the last failure otherwise. */
async function settle<T>(what: string, probe: () => Promise<T>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what}: ${String(error)}`, { cause: error });
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

describe('the all-in-one serves one /metrics for the whole engine (ADR 0056)', function () {
  this.timeout(180_000);
  let root: string;
  let engine: EngineProcess;
  let runtime: { metricsUrl: string; natsUrl: string };

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'hoga-metrics-'));
    chmodSync(root, 0o755);
    const home = join(root, 'home');
    engine = runEngine(home);
    await engine.until('started engine', (o) => o.includes('engine started'), 90_000);
    runtime = JSON.parse(readFileSync(join(home, 'runtime.json'), 'utf8')) as typeof runtime;
  });
  after(async () => {
    equal(await engine.stop(), 0, engine.output());
    rmSync(root, { recursive: true, force: true });
  });

  it('names its metrics URL in runtime.json and the banner, on loopback, live and ready', async () => {
    const url = new URL(runtime.metricsUrl);
    equal(url.hostname, '127.0.0.1');
    equal(url.pathname, '/metrics');
    ok(engine.output().includes(runtime.metricsUrl), 'the banner names it');
    equal((await fetch(new URL('/health/live', url))).status, 200);
    const ready = await settle(
      'ready',
      async () => {
        const answer = await fetch(new URL('/health/ready', url));
        equal(answer.status, 200, await answer.clone().text());
        return (await answer.json()) as { checks: Record<string, boolean> };
      },
      30_000,
    );
    for (const service of [
      'market-feed',
      'position-actor',
      'order-executor',
      'risk-guard',
      'dashboard-gateway',
    ])
      equal(ready.checks[service], true, service);
  });

  it('moves with the engine: ticks by market, fills, Upbit calls, the trading state', async () => {
    const market = prometheusLabel(Label.market);
    const first = await settle(
      'ticks',
      async () => {
        const s = await scrapePrometheus(runtime.metricsUrl);
        ok(total(s, Metrics.ticks, { [market]: 'KRW-BTC' }) > 0, 'BTC ticks');
        return s;
      },
      60_000,
    );
    await settle(
      'more ticks',
      async () => {
        const s = await scrapePrometheus(runtime.metricsUrl);
        ok(total(s, Metrics.ticks) > total(first, Metrics.ticks), 'the tick counter moves');
      },
      30_000,
    );
    const s = await settle(
      'a fill',
      async () => {
        const scraped = await scrapePrometheus(runtime.metricsUrl);
        ok(total(scraped, Metrics.fills) >= 1, 'the demo entry filled');
        return scraped;
      },
      90_000,
    );
    ok(
      total(
        s,
        Metrics.upbitRequestDuration,
        { [prometheusLabel(Label.method)]: 'POST' },
        '_count',
      ) >= 1,
      'order placements are timed',
    );
    equal(total(s, Metrics.tradingState, { [prometheusLabel(Label.tradingState)]: 'ACTIVE' }), 1);
    ok(samplesOf(s, prometheusName(Metrics.equity)).length === 1, 'equity is known');
    ok(samplesOf(s, prometheusName(Metrics.lastTickAge), { [market]: 'KRW-BTC' }).length === 1);
  });

  it('counts positions by status as `hoga positions` lists them', async () => {
    const hoga = hogaJson(runtime.natsUrl);
    const status = prometheusLabel(Label.positionStatus);
    await settle(
      'the same positions',
      async () => {
        const listed = (await hoga<{ positions: { status: string }[] }>('positions')).positions;
        const s = await scrapePrometheus(runtime.metricsUrl);
        ok(listed.length > 0);
        for (const st of ['pending', 'active', 'closing', 'closed', 'error'])
          equal(
            total(s, Metrics.positions, { [status]: st }),
            listed.filter((p) => p.status === st).length,
            st,
          );
      },
      30_000,
    );
  });

  it('answers a bad request to the listener clearly', async () => {
    const unknown = await fetch(new URL('/admin', runtime.metricsUrl));
    equal(unknown.status, 404);
    equal(((await unknown.json()) as { error: string }).error, 'not-found');
    const post = await fetch(runtime.metricsUrl, { method: 'POST', body: 'x' });
    equal(post.status, 405);
    equal(post.headers.get('allow'), 'GET, HEAD');
  });
});
