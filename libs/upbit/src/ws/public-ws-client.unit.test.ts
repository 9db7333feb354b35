import { deepEqual, equal, ok } from 'node:assert/strict';
import { UpbitDecodeError } from '../errors/upbit.errors.js';
import { UpbitWsStallError } from '../errors/ws.errors.js';
import { eventually, startWsServer, type LocalWsServer } from '../testing/local-ws-server.js';
import { tickerDefault, tickerSimple, tradeSimple } from '../testing/ws-frames.js';
import { PublicWsClient, type PublicWsMessage } from './public-ws-client.js';

/** A client that records what it emits. */
function record(client: PublicWsClient) {
  const log = {
    messages: [] as PublicWsMessage[],
    issues: [] as Error[],
    connections: [] as number[],
    retries: [] as number[],
  };
  client.on('message', (m) => log.messages.push(m));
  client.on('issue', (e) => log.issues.push(e));
  client.on('reconnected', ({ connection }) => log.connections.push(connection));
  client.on('reconnecting', ({ attempt }) => log.retries.push(attempt));
  return log;
}
const fast = { backoff: { initialMs: 5, maxMs: 20 }, minRequestIntervalMs: 0 };

describe('PublicWsClient against a local WebSocket server', () => {
  let server: LocalWsServer;
  let client: PublicWsClient | undefined;
  afterEach(async () => {
    await client?.close();
    client = undefined;
    await server.close();
  });

  it('subscribes with one full request (ticket, upper-case codes, format) and decodes binary and text frames', async () => {
    server = await startWsServer();
    client = new PublicWsClient({ url: server.url, format: 'SIMPLE', ...fast });
    const log = record(client);
    client
      .subscribe('ticker', ['krw-btc'], { isOnlyRealtime: true })
      .subscribe('trade', ['KRW-BTC', 'KRW-ETH'])
      .start();
    await eventually(() => server.requests.length > 0, 'subscription');
    const request = JSON.parse(server.requests[0]!.text) as Record<string, unknown>[];
    ok(typeof request[0]?.ticket === 'string');
    deepEqual(request.slice(1), [
      { type: 'ticker', codes: ['KRW-BTC'], is_only_realtime: true },
      { type: 'trade', codes: ['KRW-BTC', 'KRW-ETH'] },
      { format: 'SIMPLE' },
    ]);
    server.send(tickerSimple, true);
    server.send(tradeSimple, false);
    server.send(tickerDefault, true);
    await eventually(() => log.messages.length === 3, 'messages');
    deepEqual(
      log.messages.map((m) => m.type),
      ['ticker', 'trade', 'ticker'],
    );
    equal(String(log.messages[0]?.type === 'ticker' && log.messages[0].trade_price), '98765432.1');
    deepEqual(log.connections, [1]);
  });

  it('reports an undecodable frame, drops it, and keeps going', async () => {
    server = await startWsServer();
    client = new PublicWsClient({ url: server.url, ...fast });
    const log = record(client);
    client.subscribe('ticker', ['KRW-BTC']).start();
    await eventually(() => server.requests.length > 0);
    server.send('{"ty":"ticker", broken', false);
    server.send({ ...tickerSimple, tp: 'lots' });
    server.send(tickerSimple);
    await eventually(() => log.messages.length === 1);
    equal(log.issues.length, 2);
    ok(log.issues.every((e) => e instanceof UpbitDecodeError));
  });

  it('refuses an oversized frame: reports it and reconnects', async () => {
    server = await startWsServer();
    client = new PublicWsClient({ url: server.url, maxPayloadBytes: 1024, ...fast });
    const log = record(client);
    client.subscribe('ticker', ['KRW-BTC']).start();
    await eventually(() => server.requests.length === 1);
    server.send({ ...tickerSimple, padding: 'x'.repeat(4096) });
    await eventually(() => log.connections.length === 2, 'reconnect');
    equal(log.messages.length, 0);
    ok(log.issues.some((e) => /max payload|payload/i.test(e.message)));
  });

  it('survives a listener that throws: the error becomes an issue', async () => {
    server = await startWsServer();
    client = new PublicWsClient({ url: server.url, ...fast });
    const log = record(client);
    client.on('message', () => {
      throw new Error('listener bug');
    });
    client.subscribe('ticker', ['KRW-BTC']).start();
    await eventually(() => server.requests.length > 0);
    server.send(tickerSimple);
    server.send(tickerSimple);
    await eventually(() => log.messages.length === 2);
    ok(log.issues.some((e) => e.message === 'listener bug'));
  });

  it('reconnects after the server drops it and resubscribes to the full set', async () => {
    server = await startWsServer();
    client = new PublicWsClient({ url: server.url, ...fast });
    const log = record(client);
    client.subscribe('ticker', ['KRW-BTC']).start();
    await eventually(() => server.requests.length === 1);
    client.subscribe('trade', ['KRW-XRP']);
    await eventually(() => server.requests.length === 2);
    server.dropAll();
    await eventually(() => server.requests.some((r) => r.connection === 1), 'resubscribe');
    const again = JSON.parse(server.requests.find((r) => r.connection === 1)!.text) as {
      type?: string;
      codes?: string[];
    }[];
    deepEqual(again.slice(1, 3), [
      { type: 'ticker', codes: ['KRW-BTC'] },
      { type: 'trade', codes: ['KRW-XRP'] },
    ]);
    server.send(tickerSimple);
    await eventually(() => log.messages.length === 1);
    deepEqual(log.connections, [1, 2]);
  });

  it('sends pings and drops a connection that stays silent past the stall deadline', async () => {
    server = await startWsServer({ autoPong: false });
    client = new PublicWsClient({
      url: server.url,
      pingIntervalMs: 20,
      stallTimeoutMs: 150,
      ...fast,
    });
    const log = record(client);
    client.subscribe('ticker', ['KRW-BTC']).start();
    await eventually(() => log.connections.length >= 2, 'reconnect after stall');
    ok(server.pings > 0);
    ok(log.issues.some((e) => e instanceof UpbitWsStallError));
  });

  it('keeps a quiet connection whose pongs answer (stallOn: any)', async () => {
    server = await startWsServer();
    client = new PublicWsClient({
      url: server.url,
      pingIntervalMs: 10,
      stallTimeoutMs: 1000,
      ...fast,
    });
    const log = record(client);
    client.subscribe('ticker', ['KRW-BTC']).start();
    await eventually(() => server.pings >= 30, 'many pings');
    deepEqual(log.connections, [1]);
  });

  it('counts only data frames with stallOn: data', async () => {
    server = await startWsServer();
    client = new PublicWsClient({
      url: server.url,
      pingIntervalMs: 10,
      stallTimeoutMs: 100,
      stallOn: 'data',
      ...fast,
    });
    const log = record(client);
    client.subscribe('ticker', ['KRW-BTC']).start();
    await eventually(() => log.connections.length >= 2, 'reconnect after data stall');
    ok(log.issues.some((e) => e instanceof UpbitWsStallError));
  });

  it('backs off while the server refuses, then starts over after a healthy period', async () => {
    let refuse = true;
    server = await startWsServer({ reject: () => (refuse ? 503 : undefined) });
    client = new PublicWsClient({ url: server.url, healthyAfterMs: 50, ...fast });
    const log = record(client);
    client.subscribe('ticker', ['KRW-BTC']).start();
    await eventually(() => log.retries.length >= 3, 'retries');
    deepEqual(log.retries.slice(0, 3), [0, 1, 2]);
    refuse = false;
    await eventually(() => log.connections.length === 1, 'connected');
    await new Promise((r) => setTimeout(r, 100));
    const before = log.retries.length;
    server.dropAll();
    await eventually(() => log.connections.length === 2, 'reconnected');
    equal(log.retries[before], 0);
  });

  it('replaces the subscription set on unsubscribe', async () => {
    server = await startWsServer();
    client = new PublicWsClient({ url: server.url, format: 'DEFAULT', ...fast });
    client.subscribe('ticker', ['KRW-BTC', 'KRW-ETH']).start();
    await eventually(() => server.requests.length === 1);
    client.unsubscribe('ticker', ['KRW-ETH']);
    await eventually(() => server.requests.length === 2);
    const last = JSON.parse(server.requests[1]!.text) as unknown[];
    deepEqual(last.slice(1), [{ type: 'ticker', codes: ['KRW-BTC'] }, { format: 'DEFAULT' }]);
  });
});
