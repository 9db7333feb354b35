import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { createBusLogSink, type BusLogSink, type LogLine } from '@hoga/bus';
import { subjects } from '@hoga/contracts';
import { eventually } from '@hoga/testkit';
import type { LiveDelta } from '../live/live-hub.js';
import { GatewayHarness, type TestClient } from '../../testing/gateway-harness.js';
import { LiveTestClient } from '../../testing/live-test-client.js';
import type { LogPage } from './log-history.js';
import { MAX_LOG_SCAN } from './log-history.js';
import { LIVE_LINES_PER_SECOND } from './live-log-lines.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

/** The lines the history tests search, oldest first. */
const LINES: readonly Omit<LogLine, 'time'>[] = [
  { service: 'market-feed', level: 'info', msg: 'feed connected', fields: { market: 'KRW-BTC' } },
  {
    service: 'position-actor',
    level: 'info',
    msg: 'position opened',
    fields: { positionId: 'p-1' },
  },
  {
    service: 'position-actor',
    level: 'warn',
    msg: 'Price Held Back',
    fields: { positionId: 'p-1' },
  },
  {
    service: 'order-executor',
    level: 'error',
    msg: 'order rejected',
    fields: { positionId: 'p-2' },
  },
  { service: 'risk-guard', level: 'fatal', msg: 'trading halted', fields: {} },
  { service: 'position-actor', level: 'debug', msg: 'tick applied', fields: { positionId: 'p-1' } },
  {
    service: 'position-actor',
    level: 'info',
    msg: 'position closed: price held',
    fields: { positionId: 'p-1', traceId: TRACE },
  },
];

describe('dashboard-gateway logs (ADR 0042)', function () {
  this.timeout(60_000);
  const harness = new GatewayHarness('gateway_logs');
  let viewer: TestClient;
  let sink: BusLogSink;
  const deltas: LiveDelta[] = [];
  const write = (line: Omit<LogLine, 'time'>) =>
    sink.write({ ...line, time: new Date().toISOString() });

  before(async () => {
    await harness.start();
    harness.gateway.hub.listen((d) => deltas.push(d));
    viewer = harness.client('viewer');
    // room for the scan test's burst (the default queue would drop part of it, as it should)
    sink = createBusLogSink({
      service: 'dashboard-gateway',
      report: () => undefined,
      maxQueued: 10_000,
      maxQueuedBytes: 16 << 20,
    });
    await sink.attach(harness.bus);
    LINES.forEach(write);
    await eventually(async () => strictEqual((await page('')).lines.length, LINES.length));
  });
  after(async () => {
    await sink.detach();
    await harness.stop();
  });

  const page = async (query: string): Promise<LogPage> => {
    const reply = await viewer.get(`/api/logs${query === '' ? '' : `?${query}`}`);
    strictEqual(reply.status, 200, reply.text);
    return reply.json as LogPage;
  };
  const messages = (p: LogPage) => p.lines.map((l) => l.message);

  it('serves the history newest first, each line with its stream sequence, trace ids and fields', async () => {
    const all = await page('');
    deepStrictEqual(messages(all), LINES.map((l) => l.msg).reverse());
    const newest = all.lines[0]!;
    strictEqual(newest.service, 'position-actor');
    strictEqual(newest.level, 'info');
    strictEqual(newest.traceId, TRACE);
    deepStrictEqual(newest.fields, { positionId: 'p-1', traceId: TRACE });
    ok(all.lines.every((l, i) => i === 0 || l.seq < all.lines[i - 1]!.seq));
    strictEqual(all.next, null);
    strictEqual(all.scanStoppedEarly, false);
  });

  it('filters by service, by level (at least this severe), by position and by text (any case)', async () => {
    deepStrictEqual(messages(await page('service=position-actor')), [
      'position closed: price held',
      'tick applied',
      'Price Held Back',
      'position opened',
    ]);
    deepStrictEqual(messages(await page('level=warn')), [
      'trading halted',
      'order rejected',
      'Price Held Back',
    ]);
    deepStrictEqual(messages(await page('level=fatal')), ['trading halted']);
    deepStrictEqual(messages(await page('positionId=p-2')), ['order rejected']);
    deepStrictEqual(messages(await page('text=PRICE%20HELD')), [
      'position closed: price held',
      'Price Held Back',
    ]);
    deepStrictEqual(
      messages(await page('service=position-actor&level=info&positionId=p-1&text=position')),
      ['position closed: price held', 'position opened'],
    );
    deepStrictEqual(messages(await page('service=notifier')), []);
  });

  it('pages with before = next: no line twice, none missed', async () => {
    const seen: string[] = [];
    let before: number | null = null;
    let pages = 0;
    do {
      const p: LogPage = await page(`limit=3${before === null ? '' : `&before=${String(before)}`}`);
      seen.push(...messages(p));
      before = p.next;
      pages += 1;
    } while (before !== null);
    deepStrictEqual(seen, LINES.map((l) => l.msg).reverse());
    strictEqual(pages, 3);
    const filtered = await page('level=error&limit=1');
    deepStrictEqual(messages(filtered), ['trading halted']);
    deepStrictEqual(messages(await page(`level=error&before=${String(filtered.next)}`)), [
      'order rejected',
    ]);
  });

  it('refuses a bad query with a 400 naming the field, and a request without a session with a 401', async () => {
    for (const [query, field] of [
      ['level=loud', 'query.level'],
      ['limit=0', 'query.limit'],
      ['limit=501', 'query.limit'],
      ['before=-3', 'query.before'],
      ['service=Not%20A%20Service', 'query.service'],
      ['positionId=a%20b', 'query.positionId'],
      [`text=${'x'.repeat(201)}`, 'query.text'],
    ] as const) {
      const reply = await viewer.get(`/api/logs?${query}`);
      strictEqual(reply.status, 400, query);
      const body = reply.json as { error: { code: string; fields: { field: string }[] } };
      strictEqual(body.error.code, 'bad-request');
      ok(
        body.error.fields.some((f) => f.field === field),
        `${query}: ${reply.text}`,
      );
    }
    strictEqual((await harness.client('anonymous').get('/api/logs')).status, 401);
  });

  it('a browser subscribed to logs/<service> over the live socket gets the lines as they come', async () => {
    const client = await LiveTestClient.connect(harness.gateway.url, {
      cookie: harness.client('viewer').cookie,
    });
    try {
      client.sub('logs/order-executor');
      await client.until(() => client.channels.has('logs/order-executor'), 10_000, 'the snapshot');
      write({ service: 'order-executor', level: 'error', msg: 'over the socket', fields: {} });
      write({ service: 'risk-guard', level: 'error', msg: 'another channel', fields: {} });
      const entries = () => client.channels.get('logs/order-executor')?.entries ?? [];
      await client.until(
        () => entries().some((e) => (e.data as { message: string }).message === 'over the socket'),
        10_000,
        'the live line',
      );
      ok(entries().every((e) => (e.data as { service: string }).service === 'order-executor'));
      deepStrictEqual(client.breaches, []);
    } finally {
      await client.close();
    }
  });

  it('puts live lines on logs/<service> and caps a storm per second, counting and announcing what it skipped', async () => {
    const from = deltas.length;
    write({ service: 'risk-guard', level: 'warn', msg: 'live one', fields: { positionId: 'p-9' } });
    await eventually(() =>
      ok(deltas.slice(from).some((d) => (d.data as { message?: string }).message === 'live one')),
    );
    const one = deltas
      .slice(from)
      .find((d) => (d.data as { message?: string }).message === 'live one')!;
    strictEqual(one.channel, 'logs/risk-guard');
    const data = one.data as { id: string; level: string; fields: unknown };
    strictEqual(one.key, data.id);
    strictEqual(data.level, 'warn');
    deepStrictEqual(data.fields, { positionId: 'p-9' });

    // a storm: far more than the cap within one second, straight on the bus
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const stormFrom = deltas.length;
    const storm = 600;
    for (let i = 0; i < storm; i += 1)
      await harness.bus.publish(subjects.log('market-feed', 'info'), {
        id: `storm-${String(i)}`,
        type: 'LogRecord',
        occurredAt: new Date().toISOString(),
        causationId: null,
        correlationId: `storm-${String(i)}`,
        data: {
          service: 'market-feed',
          level: 'info',
          message: `storm ${String(i)}`,
          traceId: null,
          spanId: null,
          fields: {},
        },
      });
    const notice = () =>
      deltas
        .slice(stormFrom)
        .filter((d) => d.channel === 'logs/market-feed' && 'skipped' in (d.data as object));
    await eventually(() => ok(notice().length > 0), 10_000);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const lines = deltas
      .slice(stormFrom)
      .filter((d) => d.channel === 'logs/market-feed' && !('skipped' in (d.data as object)));
    const skipped = notice().reduce((n, d) => n + (d.data as { skipped: number }).skipped, 0);
    strictEqual(lines.length + skipped, storm, 'every line sent or counted');
    ok(lines.length <= 3 * LIVE_LINES_PER_SECOND, `${lines.length} lines sent live`);
    ok(skipped > 0);
    // the history keeps all of them
    strictEqual((await page('service=market-feed&text=storm&limit=500')).lines.length, 500);
  });

  it('bounds the scan of one request and says so; before = next searches further', async () => {
    // the one matching line is older than MAX_LOG_SCAN other lines
    write({ service: 'risk-guard', level: 'info', msg: 'needle', fields: {} });
    for (let i = 0; i < MAX_LOG_SCAN + 100; i += 1)
      write({ service: 'risk-guard', level: 'info', msg: `hay ${String(i)}`, fields: {} });
    await eventually(
      async () =>
        strictEqual((await page('service=risk-guard&text=hay%202099&limit=1')).lines.length, 1),
      20_000,
    );
    const first = await page('text=needle');
    deepStrictEqual(first.lines, []);
    strictEqual(first.scanned, MAX_LOG_SCAN);
    strictEqual(first.scanStoppedEarly, true);
    ok(first.next !== null);
    const second = await page(`text=needle&before=${String(first.next)}`);
    deepStrictEqual(messages(second), ['needle']);
  });
});
