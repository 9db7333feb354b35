import { deepEqual, equal, ok } from 'node:assert/strict';
import { inspect } from 'node:util';
import { jwtVerify } from 'jose';
import {
  UpbitWsConnectionError,
  UpbitWsHandshakeError,
  UpbitWsServerError,
} from '../errors/ws.errors.js';
import { eventually, startWsServer, type LocalWsServer } from '../testing/local-ws-server.js';
import { myAssetSimple, myOrderSimple } from '../testing/ws-frames.js';
import { PrivateWsClient, type PrivateWsMessage } from './private-ws-client.js';

const secretKey = 'ws-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const credentials = { accessKey: 'ws-access', secretKey };
const fast = { backoff: { initialMs: 5, maxMs: 20 }, minRequestIntervalMs: 0 };

async function claimsOf(server: LocalWsServer, i: number): Promise<Record<string, unknown>> {
  const token = String(server.headers[i]?.authorization).replace(/^Bearer /, '');
  return (await jwtVerify(token, new TextEncoder().encode(secretKey))).payload;
}

describe('PrivateWsClient against a local WebSocket server', () => {
  let server: LocalWsServer;
  let client: PrivateWsClient | undefined;
  afterEach(async () => {
    await client?.close();
    client = undefined;
    await server.close();
  });

  it('connects with a JWT of access_key and nonce only, and subscribes to myOrder and myAsset', async () => {
    server = await startWsServer();
    let n = 0;
    client = new PrivateWsClient({
      url: server.url,
      credentials,
      nonce: () => `nonce-${++n}`,
      myOrderCodes: ['krw-btc'],
      ...fast,
    });
    const messages: PrivateWsMessage[] = [];
    client.on('message', (m) => messages.push(m));
    client.start();
    await eventually(() => server.requests.length === 1);
    deepEqual(await claimsOf(server, 0), { access_key: 'ws-access', nonce: 'nonce-1' });
    const request = JSON.parse(server.requests[0]!.text) as unknown[];
    deepEqual(request.slice(1), [
      { type: 'myOrder', codes: ['KRW-BTC'] },
      { type: 'myAsset' },
      { format: 'SIMPLE' },
    ]);
    server.send(myOrderSimple);
    server.send(myAssetSimple);
    await eventually(() => messages.length === 2);
    deepEqual(
      messages.map((m) => m.type),
      ['myOrder', 'myAsset'],
    );
    ok(!inspect(client, { depth: 10, showHidden: true }).includes(secretKey));
  });

  it('emits reconnected after every connect with a fresh nonce, so the engine reconciles', async () => {
    server = await startWsServer();
    let n = 0;
    client = new PrivateWsClient({
      url: server.url,
      credentials,
      nonce: () => `nonce-${++n}`,
      myAsset: false,
      ...fast,
    });
    const connections: number[] = [];
    client.on('reconnected', ({ connection }) => connections.push(connection));
    client.start();
    await eventually(() => connections.length === 1);
    server.dropAll();
    await eventually(() => connections.length === 2 && server.requests.length === 2);
    deepEqual(connections, [1, 2]);
    equal((await claimsOf(server, 1)).nonce, 'nonce-2');
    deepEqual((JSON.parse(server.requests[1]!.text) as unknown[]).slice(1), [
      { type: 'myOrder' },
      { format: 'SIMPLE' },
    ]);
  });

  it('reports a refused upgrade (401) and an INVALID_AUTH frame without the token, and keeps retrying', async () => {
    let refusals = 2;
    server = await startWsServer({ reject: () => (refusals-- > 0 ? 401 : undefined) });
    client = new PrivateWsClient({ url: server.url, credentials, ...fast });
    const issues: Error[] = [];
    let connected = false;
    client.on('issue', (e) => issues.push(e));
    client.on('reconnected', () => (connected = true));
    client.start();
    await eventually(() => connected, 'connected after refusals');
    server.send({ error: { name: 'INVALID_AUTH', message: 'invalid token' } });
    await eventually(() => issues.some((e) => e instanceof UpbitWsServerError));
    const refused = issues.filter((e) => e instanceof UpbitWsHandshakeError);
    ok(refused.length >= 2);
    ok(refused.every((e) => e.status === 401));
    equal(issues.filter((e) => e instanceof UpbitWsConnectionError).length, 0);
    for (const e of issues)
      ok(!e.message.includes(secretKey) && !/eyJ/.test(e.message) && !/bearer/i.test(e.message));
  });
});
