import { request } from 'node:http';
import { deepEqual, equal, ok, rejects } from 'node:assert/strict';
import { parsePrometheusText, sampleValue, scrapePrometheus } from '@hoga/testkit';
import { Label, Metrics, prometheusLabel, prometheusName } from './catalog.js';
import { counterOf, observeGauge } from './instruments.js';
import { isMetricsListenError } from './metrics-listener.js';
import { METRICS_DEFAULTS } from './metrics.settings.js';
import { startProcessMetrics, type ProcessMetrics } from './process-metrics.js';

/** A raw request, so bad methods and huge heads reach the listener as sent. */
function send(
  url: string,
  method: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the metrics listener of a process', () => {
  let metrics: ProcessMetrics;
  beforeEach(async () => {
    metrics = await startProcessMetrics({ service: 'test', settings: METRICS_DEFAULTS });
  });
  afterEach(() => metrics.stop());

  it('binds loopback on a system-chosen port and serves /metrics in Prometheus text', async () => {
    ok(/^http:\/\/127\.0\.0\.1:\d+$/.test(metrics.url), metrics.url);
    const ticks = counterOf(metrics.meter, Metrics.ticks);
    ticks.add(1, { [Label.market]: 'KRW-BTC' });
    ticks.add(2, { [Label.market]: 'KRW-BTC' });
    ticks.add(1, { [Label.market]: 'KRW-ETH' });
    const scraped = await scrapePrometheus(metrics.metricsUrl);
    const name = prometheusName(Metrics.ticks);
    const market = prometheusLabel(Label.market);
    equal(scraped.types.get(name), 'counter');
    equal(sampleValue(scraped, name, { [market]: 'KRW-BTC' }), 3);
    equal(sampleValue(scraped, name, { [market]: 'KRW-ETH' }), 1);
  });

  it('reads observed gauges at each scrape', async () => {
    let age = 1.5;
    observeGauge(metrics.meter, Metrics.lastTickAge, () => [[age, { [Label.market]: 'KRW-BTC' }]]);
    const name = prometheusName(Metrics.lastTickAge);
    equal(sampleValue(await scrapePrometheus(metrics.metricsUrl), name), 1.5);
    age = 4;
    equal(sampleValue(await scrapePrometheus(metrics.metricsUrl), name), 4);
  });

  it('is live at once and ready only when every registered check is up', async () => {
    deepEqual(JSON.parse((await send(`${metrics.url}/health/live`, 'GET')).body), {
      status: 'live',
    });
    const none = await send(`${metrics.url}/health/ready`, 'GET');
    equal(none.status, 503, 'nothing registered is not ready');
    let natsUp = true;
    metrics.health.register('nats', () => natsUp);
    metrics.health.register('consumers', () => Promise.resolve(true));
    const up = await send(`${metrics.url}/health/ready`, 'GET');
    equal(up.status, 200);
    deepEqual(JSON.parse(up.body), { status: 'ready', checks: { nats: true, consumers: true } });
    natsUp = false;
    const down = await send(`${metrics.url}/health/ready`, 'GET');
    equal(down.status, 503);
    deepEqual(JSON.parse(down.body), {
      status: 'not-ready',
      checks: { nats: false, consumers: true },
    });
    metrics.health.register('postgres', () => {
      throw new Error('connection refused');
    });
    natsUp = true;
    equal(
      (await send(`${metrics.url}/health/ready`, 'GET')).status,
      503,
      'a throwing check is down',
    );
    const scraped = await scrapePrometheus(metrics.metricsUrl);
    const ready = prometheusName(Metrics.ready);
    const dependency = prometheusLabel(Label.dependency);
    equal(sampleValue(scraped, ready, { [dependency]: 'nats' }), 1);
    equal(sampleValue(scraped, ready, { [dependency]: 'postgres' }), 0);
  });

  it('answers an unknown path 404 and a bad method 405 with a JSON error', async () => {
    const unknown = await send(`${metrics.url}/admin`, 'GET');
    equal(unknown.status, 404);
    const error = JSON.parse(unknown.body) as { error: string; message: string };
    equal(error.error, 'not-found');
    ok(error.message.includes('/metrics'));
    const post = await send(`${metrics.url}/metrics`, 'POST');
    equal(post.status, 405);
    equal(post.headers['allow'], 'GET, HEAD');
    equal((JSON.parse(post.body) as { error: string }).error, 'method-not-allowed');
    equal((await send(`${metrics.url}/health/ready`, 'DELETE')).status, 405);
  });

  it('refuses a huge request head with 431 and keeps serving', async () => {
    const huge = await send(`${metrics.url}/metrics`, 'GET', { 'x-junk': 'j'.repeat(64 * 1024) });
    equal(huge.status, 431);
    equal((await send(`${metrics.url}/health/live`, 'GET')).status, 200);
  });

  it('serves HEAD without a body', async () => {
    const head = await send(`${metrics.url}/metrics`, 'HEAD');
    equal(head.status, 200);
    equal(head.body, '');
  });

  it('names the address when the port is taken', async () => {
    const port = Number(new URL(metrics.url).port);
    await rejects(
      startProcessMetrics({ service: 'test', settings: { ...METRICS_DEFAULTS, port } }),
      (e: unknown) => isMetricsListenError(e) && e.message.includes(`127.0.0.1:${port}`),
    );
  });

  it('answers scrapes that parse as Prometheus text even with nothing recorded', async () => {
    const text = await (await fetch(metrics.metricsUrl)).text();
    parsePrometheusText(text);
  });
});
