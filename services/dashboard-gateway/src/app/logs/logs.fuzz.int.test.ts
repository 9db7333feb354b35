import { ok } from 'node:assert/strict';
import fc from 'fast-check';
import { createBusLogSink, type BusLogSink } from '@hoga/bus';
import { eventually } from '@hoga/testkit';
import { GatewayHarness, type TestClient } from '../../testing/gateway-harness.js';

const KEYS = ['service', 'level', 'positionId', 'text', 'before', 'limit'];
const value = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('market-feed', 'risk-guard', 'Risk-Guard', 'a'.repeat(41), '*', '>', 'a.b'),
  fc.constantFrom('trace', 'debug', 'info', 'warn', 'error', 'fatal', 'WARN', 'loud'),
  fc.constantFrom('p-1', 'p-2', 'a b', 'x'.repeat(65), '', '%', '..'),
  fc.constantFrom('0', '1', '3', '500', '501', '-1', '1e3', '9007199254740991', '9007199254740992'),
  fc.integer().map(String),
  fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String),
  fc.double().map(String),
  fc.string({ minLength: 150, maxLength: 260 }),
);
/** A query string: known and unknown keys, repeated keys, odd encodings. */
const query = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })), value), {
    maxLength: 6,
  })
  .map((pairs) =>
    pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'),
  );

describe('dashboard-gateway logs: fuzzed queries never get a 5xx (fast-check)', function () {
  this.timeout(180_000);
  const harness = new GatewayHarness('gateway_logs_fuzz');
  let viewer: TestClient;
  let sink: BusLogSink;
  let served = 0;
  before(async () => {
    await harness.start();
    viewer = harness.client('viewer');
    sink = createBusLogSink({ service: 'dashboard-gateway', report: () => undefined });
    await sink.attach(harness.bus);
    for (let i = 0; i < 12; i += 1)
      sink.write({
        time: new Date().toISOString(),
        service: i % 2 ? 'market-feed' : 'risk-guard',
        level: (['debug', 'info', 'warn', 'error'] as const)[i % 4]!,
        msg: `line ${String(i)}`,
        fields: { positionId: `p-${String(i % 3)}` },
      });
    await eventually(async () => {
      const reply = await viewer.get('/api/logs');
      ok((reply.json as { lines: unknown[] }).lines.length === 12);
    });
  });
  after(async () => {
    ok(served > 0, 'no fuzzed request reached the handler');
    await sink.detach();
    await harness.stop();
  });

  it('GET /api/logs (10,000 queries)', async () => {
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const reply = await viewer.get(`/api/logs?${q}`);
        if (reply.status < 300) served += 1;
        ok(reply.status < 500, `/api/logs?${q} -> ${String(reply.status)} ${reply.text}`);
        ok(reply.json !== undefined, `/api/logs?${q}: not JSON`);
      }),
      { numRuns: 10_000 },
    );
  });
});
