import { deepEqual, equal, ok } from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UpbitWsHandshakeError } from '../errors/ws.errors.js';
import { eventually } from '../testing/local-ws-server.js';
import { PrivateWsClient } from './private-ws-client.js';

const credentials = { accessKey: 'ak', secretKey: 'sk-0123456789abcdefghijklmnopqrstuvwxyz' };

/** An HTTP server that refuses every upgrade the way Upbit refuses a dead key, until `accept`. */
async function refusingServer(body: string) {
  const state = { upgrades: 0, accept: false };
  const { WebSocketServer } = await import('ws');
  const wss = new WebSocketServer({ noServer: true });
  const server: Server = createServer();
  server.on('upgrade', (req, socket, head) => {
    state.upgrades += 1;
    if (state.accept) return wss.handleUpgrade(req, socket, head, () => undefined);
    socket.end(
      `HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = async () => {
    for (const c of wss.clients) c.terminate();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { state, url, close };
}

describe('a WebSocket upgrade refused with HTTP', () => {
  let stop: (() => Promise<void>) | undefined;
  let client: PrivateWsClient | undefined;
  afterEach(async () => {
    await client?.close();
    await stop?.();
    client = undefined;
    stop = undefined;
  });

  it("reports Upbit's error name and status from the refusal body, once per handshake", async () => {
    const s = await refusingServer('{"error":{"name":"expired_access_key","message":"expired"}}');
    stop = s.close;
    client = new PrivateWsClient({ url: s.url, credentials, backoff: { initialMs: 5, maxMs: 10 } });
    const issues: Error[] = [];
    client.on('issue', (e) => issues.push(e));
    client.start();
    await eventually(() => issues.length >= 3, 'three refusals');
    ok(issues.every((e) => e instanceof UpbitWsHandshakeError));
    const first = issues[0] as UpbitWsHandshakeError;
    equal(first.status, 401);
    equal(first.errorName, 'expired_access_key');
    ok(client.handshakes >= issues.length);
  });

  it('backs off exponentially up to the cap while refused: one handshake per backoff step', async () => {
    const s = await refusingServer('{"error":{"name":"invalid_access_key","message":"no"}}');
    stop = s.close;
    client = new PrivateWsClient({
      url: s.url,
      credentials,
      backoff: { initialMs: 4, maxMs: 32 },
      random: () => 1,
    });
    const delays: number[] = [];
    client.on('reconnecting', ({ delayMs }) => delays.push(delayMs));
    client.start();
    await eventually(() => delays.length >= 7, 'seven retries');
    deepEqual(delays.slice(0, 7), [4, 8, 16, 32, 32, 32, 32]);
    ok(s.state.upgrades <= delays.length + 1);
    equal(client.handshakes, s.state.upgrades);
  });

  it('reconnectNow ends a long backoff wait at once (access came back)', async () => {
    const s = await refusingServer('{"error":{"name":"invalid_access_key","message":"no"}}');
    stop = s.close;
    client = new PrivateWsClient({
      url: s.url,
      credentials,
      backoff: { initialMs: 600_000, maxMs: 600_000 },
    });
    let refused = 0;
    let connected = 0;
    client.on('issue', (e) => e instanceof UpbitWsHandshakeError && (refused += 1));
    client.on('reconnected', () => (connected += 1));
    client.start();
    await eventually(() => refused === 1, 'first refusal');
    s.state.accept = true;
    client.reconnectNow();
    await eventually(() => connected === 1, 'connected without waiting out the backoff');
    equal(s.state.upgrades, 2);
  });

  it('holdReconnects stops the attempts after a refusal; reconnectNow connects at once', async () => {
    const s = await refusingServer('{"error":{"name":"invalid_access_key","message":"no"}}');
    stop = s.close;
    client = new PrivateWsClient({ url: s.url, credentials, backoff: { initialMs: 5, maxMs: 5 } });
    let refused = 0;
    let connected = 0;
    client.on('issue', (e) => {
      if (!(e instanceof UpbitWsHandshakeError)) return;
      refused += 1;
      client?.holdReconnects();
    });
    client.on('reconnected', () => (connected += 1));
    client.start();
    await eventually(() => refused === 1, 'first refusal');
    const upgrades = s.state.upgrades;
    await new Promise((resolve) => setTimeout(resolve, 100)); // twenty backoff periods
    equal(s.state.upgrades, upgrades, 'no attempt while held');
    s.state.accept = true;
    client.reconnectNow();
    await eventually(() => connected === 1, 'connected once released');
  });
});
