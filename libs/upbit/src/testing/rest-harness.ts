import { ok } from 'node:assert/strict';
import { inspect } from 'node:util';
import { jwtVerify } from 'jose';
import { UpbitClient } from '../api/upbit-client.js';
import type { RestClientOptions } from '../http/rest-options.js';
import { startHttpServer, type LocalHttpServer, type TestHandler } from './local-http-server.js';

/** Test credentials (never real). */
export const secretKey = 'rest-test-secret-0123456789abcdefghijklmnopqrstuvwxyz';
export const credentials = { accessKey: 'rest-test-access', secretKey };

/** A limit bid as a client call. */
export const order = {
  market: 'KRW-BTC',
  side: 'bid',
  ord_type: 'limit',
  price: '100000000',
  volume: '0.01',
  identifier: 'pos-1-entry-1',
} as const;

/** A local server and a client pointed at it, with near-zero backoff. */
export interface RestHarness {
  readonly server: LocalHttpServer;
  readonly client: UpbitClient;
}

/** Starts a server answering with `handler` and a client for it. */
export async function serveRest(
  handler: TestHandler,
  options: RestClientOptions = {},
): Promise<RestHarness> {
  const server = await startHttpServer(handler);
  const fast = { initialMs: 1, maxMs: 2 };
  const client = new UpbitClient({
    baseUrl: server.url,
    credentials,
    retryBackoff: fast,
    rateLimits: { backoff: fast },
    ...options,
  });
  return { server, client };
}

/** The JWT claims the server received on request `i`, verified with the secret. */
export async function claimsOf(
  server: LocalHttpServer,
  i: number,
): Promise<Record<string, unknown>> {
  const token = String(server.seen[i]?.headers.authorization).replace(/^Bearer /, '');
  return (await jwtVerify(token, new TextEncoder().encode(secretKey))).payload;
}

/** No secret, JWT or Authorization header anywhere in an error, its cause chain or its properties. */
export function assertNoSecrets(error: unknown): void {
  const text = `${inspect(error, { depth: 8 })} ${String(error)}`;
  ok(!text.includes(secretKey), 'secret key leaked');
  ok(!/eyJ[\w-]+\.[\w-]+\.[\w-]+/.test(text), 'JWT leaked');
  ok(!/bearer|authorization['"]?\s*[:=]/i.test(text), 'Authorization header leaked');
}
