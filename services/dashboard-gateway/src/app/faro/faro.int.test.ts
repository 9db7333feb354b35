import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { opsRequest, requestOps } from '@hoga/bus';
import * as E from 'fp-ts/lib/Either.js';
import { GATEWAY_DEFAULTS } from '../../config.js';
import { CollectorServer } from '../../testing/collector-server.js';
import { GatewayHarness, type TestClient } from '../../testing/gateway-harness.js';

/** A payload as Faro's web SDK posts it. */
const payload = (message = 'boom') => ({
  meta: { app: { name: 'hoga-dashboard' }, session: { id: 'sess-1' } },
  exceptions: [{ type: 'Error', value: message, timestamp: '2026-12-07T00:00:00.000Z' }],
  events: [],
});

const post = (client: TestClient, body: unknown, headers: Record<string, string> = {}) =>
  client.request('POST', '/api/faro/collect', { body, headers });

describe('dashboard-gateway faro endpoint', function () {
  this.timeout(60_000);

  describe('off by default', () => {
    const harness = new GatewayHarness('faro_off');
    before(() => harness.start());
    after(() => harness.stop());

    it('says so to the page, refuses payloads and reports no stats', async () => {
      const client = harness.client('viewer');
      const config = await client.get('/api/faro/config');
      strictEqual(config.status, 200);
      deepStrictEqual(config.json, { enabled: false });
      const refused = await post(client, payload());
      strictEqual(refused.status, 404);
      ok(
        /observability is off/.test(
          String((refused.json as { error: { message: string } }).error.message),
        ),
      );
      strictEqual(harness.gateway.context.faro, undefined);
    });
  });

  describe('forwarding to a collector', () => {
    const collector = new CollectorServer();
    const faro = {
      ...GATEWAY_DEFAULTS.faro,
      collectorUrl: '', // the collector's, once it listens
      apiKey: 'collector-key-123',
      maxBodyBytes: 8 * 1024,
      maxQueued: 2,
      concurrency: 1,
      timeoutMs: 500,
      perMinute: 6,
    };
    const harness = new GatewayHarness('faro_on', {
      faro,
      rateLimits: { loginPerMinute: 10, commandsPerMinute: 2 },
    });
    before(async () => {
      faro.collectorUrl = (await collector.start()).url;
      await harness.start();
    });
    after(async () => {
      await harness.stop();
      await collector.stop();
    });
    beforeEach(() => {
      collector.status = 202;
      collector.hang = false;
      collector.requests.length = 0;
    });

    const status = async () => {
      const request = opsRequest('dashboard-gateway', 'status', {});
      if (E.isLeft(request)) throw request.left;
      const reply = await requestOps(harness.bus, 'dashboard-gateway', 'status', request.right);
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.faro;
    };

    it('tells the page where to send and under which name', async () => {
      const config = await harness.client('viewer').get('/api/faro/config');
      deepStrictEqual(config.json, {
        enabled: true,
        url: '/api/faro/collect',
        app: { name: 'hoga-dashboard', version: '0.1.0', environment: 'production' },
      });
      ok(!config.text.includes('collector-key-123'));
      ok(!config.text.includes(collector.url));
    });

    it('forwards a payload once to the collector, top-level checked, with its session id and the api key', async () => {
      const client = harness.client('viewer');
      const body = { ...payload(), extra: 'dropped' };
      const headers = { 'idempotency-key': 'key-0001', 'x-faro-session-id': 'sess-1' };
      const first = await post(client, body, headers);
      strictEqual(first.status, 202);
      await collector.waitFor((r) => r.length === 1);
      const got = collector.requests[0];
      strictEqual(got?.method, 'POST');
      strictEqual(got.path, '/collect');
      deepStrictEqual(got.body, payload());
      strictEqual(got.headers['x-faro-session-id'], 'sess-1');
      strictEqual(got.headers['x-api-key'], 'collector-key-123');
      strictEqual(got.headers['content-type'], 'application/json');
      strictEqual(got.headers['cookie'], undefined);
      strictEqual(got.headers['x-csrf-token'], undefined);
      // the page's retry of the same payload (its first answer lost) is not forwarded again
      const retry = await post(client, body, headers);
      strictEqual(retry.status, 202);
      deepStrictEqual(retry.json, { accepted: true, duplicate: true });
      const other = await post(client, payload('second'), { 'idempotency-key': 'key-0002' });
      strictEqual(other.status, 202);
      await collector.waitFor((r) => r.length === 2);
      strictEqual(
        (collector.requests[1]?.body as { exceptions: { value: string }[] }).exceptions[0]?.value,
        'second',
      );
      const stats = await status();
      ok(stats !== null && stats.forwarded >= 2);
    });

    for (const [name, body, field] of [
      ['no meta', { exceptions: [{}] }, 'body.meta'],
      ['meta not an object', { meta: 'x', logs: [{}] }, 'body.meta'],
      ['logs not an array', { meta: {}, logs: { a: 1 } }, 'body.logs'],
      ['an exception not an object', { meta: {}, exceptions: ['x'] }, 'body.exceptions'],
      ['traces an array', { meta: {}, traces: [] }, 'body.traces'],
      [
        'too many events',
        { meta: {}, events: Array.from({ length: 1001 }, () => ({})) },
        'body.events',
      ],
    ] as const)
      it(`refuses ${name} with a 400 naming ${field}, forwarding nothing`, async () => {
        const reply = await post(harness.client('viewer'), body);
        strictEqual(reply.status, 400);
        const error = (reply.json as { error: { code: string; fields: { field: string }[] } })
          .error;
        strictEqual(error.code, 'bad-request');
        ok(
          error.fields.some((f) => f.field.startsWith(field)),
          JSON.stringify(error.fields),
        );
        strictEqual(collector.requests.length, 0);
      });

    it('refuses bad JSON (400), an empty payload (400) and a body over the limit (413)', async () => {
      const client = harness.client('viewer');
      strictEqual((await post(client, '{"meta":')).status, 400);
      strictEqual((await post(client, { meta: {} })).status, 400);
      const big = await post(client, payload('x'.repeat(9 * 1024)));
      strictEqual(big.status, 413);
      strictEqual((big.json as { error: { code: string } }).error.code, 'payload-too-large');
      strictEqual(collector.requests.length, 0);
    });

    it('needs a session, its CSRF token and the own Origin', async () => {
      strictEqual((await post(harness.client('anonymous'), payload())).status, 401);
      const viewer = harness.client('viewer');
      const noCsrf = await viewer.request('POST', '/api/faro/collect', {
        body: payload(),
        csrf: false,
      });
      strictEqual(noCsrf.status, 403);
      const foreign = await viewer.request('POST', '/api/faro/collect', {
        body: payload(),
        origin: 'http://evil.example',
      });
      strictEqual(foreign.status, 403);
      strictEqual(collector.requests.length, 0);
    });

    it('has its own rate limit per session, apart from the commands budget', async () => {
      const client = harness.client('viewer');
      // commandsPerMinute is 2 here: six payloads pass, the seventh is over faro.perMinute
      for (let i = 0; i < 6; i++) strictEqual((await post(client, payload(`n${i}`))).status, 202);
      const over = await post(client, payload('n6'));
      strictEqual(over.status, 429);
      ok(over.headers.get('retry-after') !== null);
      // another session has its own budget
      strictEqual((await post(harness.client('viewer'), payload('other'))).status, 202);
      await collector.waitFor((r) => r.length === 7);
    });

    it('keeps answering while the collector answers 503: the payloads are dropped and counted', async () => {
      collector.status = 503;
      const before = await status();
      const client = harness.client('viewer');
      for (const n of [1, 2, 3]) strictEqual((await post(client, payload(`down${n}`))).status, 202);
      await collector.waitFor((r) => r.length === 3);
      await harness.waitForLive(() => harness.gateway.context.faro?.pending === 0);
      const after = await status();
      strictEqual(
        (after?.dropped.collectorStatus ?? 0) - (before?.dropped.collectorStatus ?? 0),
        3,
      );
      strictEqual((await client.get('/healthz')).status, 200);
      ok(harness.logs.some((l) => l.msg === 'faro: payloads dropped'));
      ok(!JSON.stringify(harness.logs).includes('collector-key-123'));
    });

    it('bounds what waits for a silent collector: a full queue is a 503 with Retry-After, a timeout a counted drop', async () => {
      collector.hang = true;
      const before = await status();
      const client = harness.client('viewer');
      strictEqual((await post(client, payload('h1'))).status, 202); // in flight
      strictEqual((await post(client, payload('h2'))).status, 202); // waiting
      const full = await post(client, payload('h3'), { 'idempotency-key': 'key-full' });
      strictEqual(full.status, 503);
      strictEqual(full.headers.get('retry-after'), '30');
      strictEqual((full.json as { error: { code: string } }).error.code, 'unavailable');
      await harness.waitForLive(() => harness.gateway.context.faro?.pending === 0);
      const after = await status();
      strictEqual((after?.dropped.failed ?? 0) - (before?.dropped.failed ?? 0), 2);
      strictEqual((after?.dropped.queueFull ?? 0) - (before?.dropped.queueFull ?? 0), 1);
      // the collector is back: the refused payload's retry (same key) is taken this time
      collector.hang = false;
      collector.requests.length = 0;
      strictEqual(
        (await post(client, payload('h3'), { 'idempotency-key': 'key-full' })).status,
        202,
      );
      await collector.waitFor((r) => r.length === 1);
    });
  });
});
