import { deepEqual, equal, ok } from 'node:assert/strict';
import type { UpbitClient } from '../api/upbit-client.js';
import { UpbitDecodeError } from '../errors/upbit.errors.js';
import {
  isOutcomeUnknown,
  isResponseTooLarge,
  isUpbitNetworkError,
} from '../errors/upbit.guards.js';
import { json, type LocalHttpServer, type TestHandler } from '../testing/local-http-server.js';
import { assertNoSecrets, order, serveRest } from '../testing/rest-harness.js';
import type { RestClientOptions } from './rest-options.js';

let server: LocalHttpServer | undefined;
async function serve(handler: TestHandler, options: RestClientOptions = {}): Promise<UpbitClient> {
  const harness = await serveRest(handler, options);
  server = harness.server;
  return harness.client;
}
const seen = () => server!.seen;

describe('RestClient failures against a local HTTP server', () => {
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('treats an unreadable 201 to an order POST as outcome unknown, carrying the identifier', async () => {
    const client = await serve((_r, res) => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end('{"uuid": ');
    });
    const e = await client.orders.place(order).catch((err: unknown) => err);
    ok(
      isOutcomeUnknown(e) &&
        e.identifier === 'pos-1-entry-1' &&
        e.cause instanceof UpbitDecodeError,
    );
    equal(seen().length, 1);
  });

  it('refuses bodies over the bound, declared or streamed', async () => {
    const big = Buffer.alloc(64 * 1024, 'a');
    const client = await serve(
      (_r, res, i) => {
        if (i === 0) {
          res.writeHead(200, { 'content-length': String(big.length) });
          res.end(big);
        } else {
          res.writeHead(200);
          for (let k = 0; k < 4; k++) res.write(big);
          res.end();
        }
      },
      { maxBodyBytes: 32 * 1024 },
    );
    ok(isResponseTooLarge(await client.quotation.markets().catch((e: unknown) => e)));
    ok(isResponseTooLarge(await client.quotation.markets().catch((e: unknown) => e)));
  });

  it('makes a timed-out order POST outcome unknown and never re-sends it', async () => {
    const client = await serve(() => undefined, { timeoutMs: 100 });
    const e = await client.orders.place(order).catch((err: unknown) => err);
    ok(isOutcomeUnknown(e) && e.reason === 'timed out');
    equal(seen().length, 1);
    assertNoSecrets(e);
  });

  it('makes a reset connection on a DELETE outcome unknown', async () => {
    const client = await serve((_r, res) => res.socket?.destroy());
    const e = await client.orders
      .cancel({ identifier: 'pos-1-entry-1' })
      .catch((err: unknown) => err);
    ok(isOutcomeUnknown(e) && e.method === 'DELETE' && e.identifier === 'pos-1-entry-1');
    equal(seen().length, 1);
  });

  it('treats a 5xx to an order POST as outcome unknown', async () => {
    const client = await serve((_r, res) =>
      json(res, 502, { error: { name: 'bad_gateway', message: 'x' } }),
    );
    ok(isOutcomeUnknown(await client.orders.place(order).catch((e: unknown) => e)));
    equal(seen().length, 1);
  });

  it('retries a GET after a reset and a 503, then succeeds', async () => {
    const client = await serve((_r, res, i) =>
      i === 0 ? res.socket?.destroy() : i === 1 ? json(res, 503, 'busy') : json(res, 200, []),
    );
    deepEqual(await client.account.balances(), []);
    equal(seen().length, 3);
  });

  it('gives up on a GET that keeps timing out with UpbitNetworkError', async () => {
    const client = await serve(() => undefined, { timeoutMs: 50, maxRetries: 1 });
    const e = await client.orders.open().catch((err: unknown) => err);
    ok(isUpbitNetworkError(e) && e.reason === 'timed out');
    equal(seen().length, 2);
  });
});
