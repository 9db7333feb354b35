import { deepEqual, equal, ok, rejects, throws } from 'node:assert/strict';
import { inspect } from 'node:util';
import { createHash } from 'node:crypto';
import { UpbitClient } from '../api/upbit-client.js';
import {
  isBlocked,
  isDuplicateIdentifier,
  isOrderNotFound,
  isRateLimited,
  isUpbitApiError,
  isUpbitAuthError,
  isUpbitDecodeError,
} from '../errors/upbit.guards.js';
import { limitBidJson } from '../testing/fixtures.js';
import {
  json,
  startHttpServer,
  type LocalHttpServer,
  type TestHandler,
} from '../testing/local-http-server.js';
import {
  assertNoSecrets,
  claimsOf,
  credentials,
  order,
  secretKey,
  serveRest,
} from '../testing/rest-harness.js';
import type { RestClientOptions } from './rest-options.js';

const sha512 = (s: string): string => createHash('sha512').update(s, 'utf8').digest('hex');

let server: LocalHttpServer | undefined;
async function serve(handler: TestHandler, options: RestClientOptions = {}): Promise<UpbitClient> {
  const harness = await serveRest(handler, options);
  server = harness.server;
  return harness.client;
}
const seen = () => server!.seen;

describe('RestClient against a local HTTP server', () => {
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('signs a GET: values URL-encoded on the wire, the hash over the decoded query in sent order', async () => {
    const client = await serve((_r, res) => json(res, 200, [limitBidJson]));
    const orders = await client.orders.closed({
      market: 'KRW-BTC',
      states: ['done', 'cancel'],
      start_time: '2026-11-23T09:00:00+09:00',
      limit: 10,
    });
    equal(orders[0]?.uuid, limitBidJson.uuid);
    equal(
      seen()[0]?.url,
      '/v1/orders/closed?market=KRW-BTC&states[]=done&states[]=cancel&start_time=2026-11-23T09%3A00%3A00%2B09%3A00&limit=10',
    );
    const claims = await claimsOf(server!, 0);
    equal(
      claims.query_hash,
      sha512(
        'market=KRW-BTC&states[]=done&states[]=cancel&start_time=2026-11-23T09:00:00+09:00&limit=10',
      ),
    );
    equal(claims.access_key, 'rest-test-access');
  });

  it('POSTs an order as JSON in body order, hashed as k=v pairs, and decodes the 201', async () => {
    const client = await serve((_r, res) => json(res, 201, limitBidJson));
    const placed = await client.orders.place(order);
    equal(placed.locked.toString(), '1000500');
    const req = seen()[0]!;
    equal(req.method, 'POST');
    equal(req.headers['content-type'], 'application/json; charset=utf-8');
    equal(
      req.body,
      '{"market":"KRW-BTC","side":"bid","ord_type":"limit","volume":"0.01","price":"100000000","identifier":"pos-1-entry-1"}',
    );
    equal(
      (await claimsOf(server!, 0)).query_hash,
      sha512(
        'market=KRW-BTC&side=bid&ord_type=limit&volume=0.01&price=100000000&identifier=pos-1-entry-1',
      ),
    );
  });

  it('sends public quotation requests unsigned, with comma-joined markets', async () => {
    const client = await serve((_r, res) => json(res, 200, []));
    deepEqual(await client.quotation.tickers(['KRW-BTC', 'KRW-ETH']), []);
    equal(seen()[0]?.url, '/v1/ticker?markets=KRW-BTC%2CKRW-ETH');
    equal(seen()[0]?.headers.authorization, undefined);
  });

  it('maps Upbit error names to typed errors without leaking secrets', async () => {
    const answers: [number, string][] = [
      [400, 'duplicated_identifier'],
      [404, 'order_not_found'],
      [401, 'invalid_query_payload'],
      [400, 'insufficient_funds_bid'],
    ];
    const client = await serve((_r, res, i) =>
      json(res, answers[i]![0], { error: { name: answers[i]![1], message: 'm' } }),
    );
    const dup = await client.orders.place(order).catch((e: unknown) => e);
    ok(isDuplicateIdentifier(dup));
    const missing = await client.orders.get({ identifier: 'nope' }).catch((e: unknown) => e);
    ok(isOrderNotFound(missing));
    const auth = await client.account.balances().catch((e: unknown) => e);
    ok(isUpbitAuthError(auth) && auth.errorName === 'invalid_query_payload');
    const funds = await client.orders.test(order).catch((e: unknown) => e);
    ok(isUpbitApiError(funds, 'insufficient_funds_bid'));
    for (const e of [dup, missing, auth, funds]) assertNoSecrets(e);
    equal(seen().length, 4);
  });

  it('retries after a plain-text 429 and reports it', async () => {
    const limited: string[] = [];
    const client = await serve(
      (_r, res, i) => {
        if (i === 0) {
          res.writeHead(429, { 'content-type': 'text/plain' });
          res.end('Too Many Requests');
        } else json(res, 201, limitBidJson);
      },
      { onRateLimited: (e) => limited.push(`${e.group}:${e.attempt}`) },
    );
    equal((await client.orders.place(order)).uuid, limitBidJson.uuid);
    deepEqual(limited, ['order:0']);
    equal(seen().length, 2);
  });

  it('gives up with UpbitRateLimitedError when 429s (JSON) persist', async () => {
    const client = await serve(
      (_r, res) => json(res, 429, { error: { name: 'too_many_requests', message: 'slow down' } }),
      { maxRetries: 2 },
    );
    const e = await client.quotation.markets().catch((err: unknown) => err);
    ok(isRateLimited(e) && e.attempts === 3 && e.group === 'market');
    equal(seen().length, 3);
  });

  it('on 418 alerts, waits out the Retry-After block, then retries', async () => {
    const blocked: Date[] = [];
    const client = await serve(
      (_r, res, i) => {
        if (i === 0) {
          res.writeHead(418, { 'retry-after': '0.05' });
          res.end();
        } else json(res, 200, []);
      },
      { onBlocked: (e) => blocked.push(e.until) },
    );
    deepEqual(await client.account.balances(), []);
    equal(blocked.length, 1);
    ok(isBlocked(await serve418Forever()));
  });

  it('decodes malformed and unexpected bodies into typed errors', async () => {
    const bodies = [
      'not json',
      '{"uuid": 1}',
      JSON.stringify([{ ...limitBidJson, state: 'mystery' }]),
    ];
    const client = await serve((_r, res, i) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(bodies[i]);
    });
    const syntax = await client.orders.get({ uuid: 'u' }).catch((e: unknown) => e);
    ok(isUpbitDecodeError(syntax) && syntax.message === 'GET /v1/order: malformed JSON');
    const shape = await client.orders.get({ uuid: 'u' }).catch((e: unknown) => e);
    ok(isUpbitDecodeError(shape) && shape.issues.some((i) => i.path === 'uuid'));
    const state = await client.orders.open().catch((e: unknown) => e);
    ok(isUpbitDecodeError(state) && state.issues.some((i) => i.path === '[0].state'));
  });

  it('keeps the secret out of the client object itself (safe to log)', async () => {
    const client = await serve((_r, res) => json(res, 200, []));
    await client.account.balances();
    ok(!inspect(client, { depth: 10, showHidden: true }).includes(secretKey));
    throws(() =>
      assertNoSecrets(
        new Error(`Authorization: Bearer ${String(seen()[0]?.headers.authorization).slice(7)}`),
      ),
    );
  });

  it('refuses to call a private endpoint without credentials', async () => {
    server = await startHttpServer((_r, res) => json(res, 200, []));
    const client = new UpbitClient({ baseUrl: server.url });
    await rejects(client.account.balances(), TypeError);
    equal(seen().length, 0);
  });
});

/** A client whose every answer is 418 with a long block: the first call gives up with UpbitBlockedError. */
async function serve418Forever(): Promise<unknown> {
  const s = await startHttpServer((_r, res) => {
    res.writeHead(418, { 'retry-after': '0' });
    res.end();
  });
  try {
    const client = new UpbitClient({ baseUrl: s.url, credentials, maxRetries: 0 });
    return await client.account.balances().catch((e: unknown) => e);
  } finally {
    await s.close();
  }
}
