import { equal, ok } from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { createInProcessBus } from '@hoga/bus';
import { subjects, type Tick } from '@hoga/contracts';
import {
  Label,
  METRICS_DEFAULTS,
  Metrics,
  prometheusLabel,
  prometheusName,
  startProcessMetrics,
} from '@hoga/telemetry';
import { eventually, sampleValue, scrapePrometheus } from '@hoga/testkit';
import { start } from './service.js';
import { collect } from './testing/collect.js';
import { testConfig } from './testing/feed-config.js';
import { quietLogger } from './testing/quiet-logger.js';

const SAMPLE = fileURLToPath(new URL('../fixtures/emulator-sample.ndjson', import.meta.url));
const MARKETS = ['KRW-BTC', 'KRW-ETH', 'KRW-XRP'];
const TICKS = prometheusName(Metrics.ticks);
const AGE = prometheusName(Metrics.lastTickAge);
const market = prometheusLabel(Label.market);

const replay = () =>
  testConfig({ source: 'replay', replay: { file: SAMPLE, speed: 0 }, markets: MARKETS });

describe('market-feed metrics', () => {
  it('serves its own /metrics: every published tick counts for its market, with its age', async () => {
    const bus = createInProcessBus();
    const ticks = await collect<Tick>(bus, subjects.mdTick('*'));
    const feed = await start({
      env: {},
      config: replay(),
      connections: { bus, logger: quietLogger() },
    });
    try {
      const url = feed.metricsUrl;
      if (url === undefined) throw new Error('a feed run alone serves its own /metrics');
      ok(url.startsWith('http://127.0.0.1:'), url);
      await feed.sourceEnded;
      await eventually(() => equal(ticks.items.length, feed.counters().ticks));
      const scraped = await scrapePrometheus(url);
      for (const m of MARKETS) {
        const published = ticks.items.filter((t) => t.data.data.market === m).length;
        ok(published > 0);
        equal(sampleValue(scraped, TICKS, { [market]: m }), published, m);
        const age = sampleValue(scraped, AGE, { [market]: m });
        ok(age !== undefined && age >= 0, `${m} age ${String(age)}`);
      }
      const ready = await fetch(url.replace('/metrics', '/health/ready'));
      equal(ready.status, 200);
    } finally {
      await feed.stop();
      await bus.close();
    }
  });

  it('records into the metrics it is given (the all-in-one) and opens no listener', async () => {
    const shared = await startProcessMetrics({ service: 'hoga', settings: METRICS_DEFAULTS });
    const bus = createInProcessBus();
    const feed = await start({
      env: {},
      config: replay(),
      connections: { bus, logger: quietLogger(), metrics: shared },
    });
    try {
      equal(feed.metricsUrl, undefined);
      await feed.sourceEnded;
      const scraped = await scrapePrometheus(shared.metricsUrl);
      ok((sampleValue(scraped, TICKS, { [market]: 'KRW-BTC' }) ?? 0) > 0);
      const ready = (await (await fetch(`${shared.url}/health/ready`)).json()) as {
        checks: Record<string, boolean>;
      };
      equal(ready.checks['market-feed'], true);
    } finally {
      await feed.stop();
      await bus.close();
      await shared.stop();
    }
  });
});
