import { ok } from 'node:assert/strict';
import fc from 'fast-check';
import { serveOps, type OpsServer } from '@hoga/bus';
import { opsFailure } from '@hoga/contracts';
import type { PositionId } from '@hoga/model';
import { eventually } from '@hoga/testkit';
import { GatewayHarness, type TestClient } from '../../testing/gateway-harness.js';
import { PositionScript } from '../../testing/position-script.js';

const b64 = (json: unknown) => Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');

/** Values close to valid and anything at all, for any query field. */
const value = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('', 'open', 'closed', 'pending', 'error', 'KRW-BTC', 'KRW-', 'krw-btc', '1m'),
  fc.constantFrom('5m', '1d', '1s', 'entry', 'command', 'halt', '0', '1', '500', '501', '-1'),
  fc.integer().map(String),
  fc.double().map(String),
  fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((d) => {
    try {
      return d.toISOString();
    } catch {
      return 'invalid';
    }
  }),
  fc.constantFrom('0000-01-01T00:00:00Z', '9999-12-31T23:59:59.999999999Z', '2026-02-30T00:00:00Z'),
  fc.tuple(fc.string(), fc.jsonValue()).map(b64),
  fc
    .tuple(
      fc.constantFrom(
        '2026-11-23T00:00:00.000000Z',
        '1969-12-31T23:59:59.999999Z',
        '2026-13-01T00:00:00.000000Z',
      ),
      fc.oneof(fc.string(), fc.integer(), fc.constant('h-fuzz-1'), fc.double()),
    )
    .map(b64),
  fc.jsonValue().map(b64),
);

const KEYS = ['status', 'market', 'from', 'to', 'limit', 'cursor', 'kind', 'interval', 'count'];
/** A query string: known and unknown keys, repeated keys, odd encodings. */
const query = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })), value), {
    maxLength: 6,
  })
  .map((pairs) =>
    pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'),
  );
const segment = fc
  .oneof(
    fc.string({ minLength: 1 }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 80 }),
    fc.constantFrom('h-fuzz-1', 'KRW-BTC', 'x'.repeat(65), '..', '%', 'a b'),
  )
  .map(encodeURIComponent);

describe('dashboard-gateway history: fuzzed queries and params never get a 5xx (fast-check)', function () {
  this.timeout(180_000);
  const harness = new GatewayHarness('gateway_history_fuzz');
  let viewer: TestClient;
  let feed: OpsServer;
  before(async () => {
    await harness.start();
    viewer = harness.client('viewer');
    feed = await serveOps(
      harness.bus,
      'market-feed',
      {
        history: (request) =>
          Promise.resolve({
            ok: true as const,
            market: request.data.market,
            interval: request.data.interval,
            candles: [],
          }),
        watch: () => Promise.resolve(opsFailure('unavailable', 'not served by this test')),
        status: () => Promise.resolve(opsFailure('unavailable', 'not served by this test')),
      },
      { logger: harness.logger },
    );
    for (let i = 0; i < 12; i++) {
      const s = new PositionScript(`h-fuzz-${String(i)}` as PositionId);
      if (i % 2 === 0) s.roundTrip();
      else s.open();
      await s.appendTo(harness.store);
    }
    await eventually(async () => {
      const reply = await viewer.get('/api/positions?limit=500');
      ok((reply.json as { items: unknown[] }).items.length === 12);
    });
  });
  after(async () => {
    for (const route of [
      '/api/positions',
      '/api/timeline',
      '/api/positions/:x',
      '/api/markets/:x/candles',
    ])
      ok((served.get(route) ?? 0) > 0, `no fuzzed request reached ${route}`);
    await feed.stop();
    await harness.stop();
  });

  /** Replies 2xx per route: the fuzz must reach the routes' handlers, not only the decoders. */
  const served = new Map<string, number>();
  const never5xx = async (path: string) => {
    const reply = await viewer.get(path);
    const route = path.split('?')[0]!.replace(/^\/api\/(positions|markets)\/[^/]+/, '/api/$1/:x');
    if (reply.status < 300) served.set(route, (served.get(route) ?? 0) + 1);
    ok(reply.status < 500, `${path} -> ${String(reply.status)} ${reply.text}`);
    ok(reply.json !== undefined, `${path}: not JSON`);
  };

  it('GET /api/positions (3,000 queries)', async () => {
    await fc.assert(
      fc.asyncProperty(query, (q) => never5xx(`/api/positions?${q}`)),
      { numRuns: 3000 },
    );
  });

  it('GET /api/timeline (2,000 queries)', async () => {
    await fc.assert(
      fc.asyncProperty(query, (q) => never5xx(`/api/timeline?${q}`)),
      { numRuns: 2000 },
    );
  });

  it('GET /api/positions/:id, /events, /orders (3 x 1,000 ids)', async () => {
    await fc.assert(
      fc.asyncProperty(segment, fc.constantFrom('', '/events', '/orders'), (id, tail) =>
        never5xx(`/api/positions/${id}${tail}`),
      ),
      { numRuns: 3000 },
    );
  });

  it('GET /api/markets/:market/candles (2,000 markets and queries)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(segment, fc.constantFrom('KRW-BTC', 'KRW-XRP')),
        fc.oneof(
          query,
          query.map((q) => `interval=5m&${q}`),
          fc.constant('interval=1d&count=9'),
        ),
        (market, q) => never5xx(`/api/markets/${market}/candles?${q}`),
      ),
      { numRuns: 2000 },
    );
  });
});
