import { deepEqual, equal, ok } from 'node:assert/strict';
import type { RunningEmulator } from '@hoga/upbit-emulator';
import { UpbitWsStallError } from '../errors/ws.errors.js';
import { ALICE, clientFor, startTestEmulator } from '../testing/emulator-harness.js';
import { eventually } from '../testing/local-ws-server.js';
import type { MyOrderMessage } from '../ws/codecs/my-order.ws.codec.js';
import { PrivateWsClient, type PrivateWsMessage } from '../ws/private-ws-client.js';
import { PublicWsClient, type PublicWsMessage } from '../ws/public-ws-client.js';
import type { UpbitWsClient } from '../ws/upbit-ws-client.js';
import type { WsFormat } from '../ws/subscriptions.js';

const fast = { backoff: { initialMs: 10, maxMs: 50 }, minRequestIntervalMs: 0 };

/** Records what a client emits. */
function record<M>(client: UpbitWsClient<M>) {
  const log = { messages: [] as M[], issues: [] as Error[], connections: [] as number[] };
  client.on('message', (m) => log.messages.push(m));
  client.on('issue', (e) => log.issues.push(e));
  client.on('reconnected', ({ connection }) => log.connections.push(connection));
  return log;
}

type Log<M> = ReturnType<typeof record<M>>;
let balanceBump = 0;

/** Waits until the private subscription is live: a balance change comes back as myAsset. */
async function subscribed(emulator: RunningEmulator, log: Log<PrivateWsMessage>): Promise<void> {
  const seen = log.messages.length;
  await eventually(() => {
    emulator.admin.setBalances(ALICE.accessKey, { ETH: String(++balanceBump) });
    return log.messages.slice(seen).some((m) => m.type === 'myAsset');
  }, 'myAsset after a balance change');
}

/** Waits until public trades flow: steps the market until one arrives. */
async function trading(emulator: RunningEmulator, log: Log<PublicWsMessage>): Promise<void> {
  const seen = log.messages.length;
  await eventually(() => {
    emulator.admin.step(1);
    return log.messages.length > seen;
  }, 'a trade');
}

describe('conformance: WebSocket clients against the emulator', () => {
  let emulator: RunningEmulator;
  const clients: { close(): Promise<void> }[] = [];
  beforeEach(async () => {
    emulator = await startTestEmulator();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await emulator.close();
  });

  for (const format of ['DEFAULT', 'SIMPLE', 'JSON_LIST', 'SIMPLE_LIST'] as WsFormat[]) {
    it(`public ticker, trade, orderbook and candle in ${format} format, snapshot then realtime`, async () => {
      const feed = new PublicWsClient({ url: emulator.wsUrl, format, ...fast });
      clients.push(feed);
      const log = record(feed);
      feed
        .subscribe('ticker', ['KRW-BTC'])
        .subscribe('trade', ['KRW-BTC'])
        .subscribe('orderbook', ['KRW-BTC'])
        .subscribe('candle.1m', ['KRW-BTC'])
        .start();
      await eventually(() => new Set(log.messages.map((m) => m.type)).size === 4, 'snapshots');
      ok(log.messages.every((m) => m.stream_type === 'SNAPSHOT'));
      emulator.admin.step(3);
      await eventually(
        () => log.messages.some((m) => m.type === 'trade' && m.stream_type === 'REALTIME'),
        'realtime trade',
      );
      const ticker = log.messages.findLast(
        (m): m is Extract<PublicWsMessage, { type: 'ticker' }> => m.type === 'ticker',
      )!;
      equal(ticker.trade_price.toString(), emulator.admin.price('KRW-BTC'));
      deepEqual(log.issues, []);
    });
  }

  it('private myOrder and myAsset after a fill, with a JWT the emulator accepts', async () => {
    const priv = new PrivateWsClient({ url: emulator.privateWsUrl, credentials: ALICE, ...fast });
    clients.push(priv);
    const log = record<PrivateWsMessage>(priv);
    priv.start();
    await subscribed(emulator, log);
    const rest = clientFor(emulator);
    const placed = await rest.orders.place({
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'limit',
      price: '99000000',
      volume: '0.001',
      identifier: 'ws-fill-1',
    });
    emulator.admin.setPrice('KRW-BTC', '98000000');
    const mine = () =>
      log.messages.filter(
        (m): m is MyOrderMessage => m.type === 'myOrder' && m.uuid === placed.uuid,
      );
    await eventually(() => mine().some((m) => m.state === 'done'), 'done frame');
    const fill = mine().find((m) => m.state === 'trade');
    ok(fill !== undefined && fill.trade_uuid !== null && fill.identifier === 'ws-fill-1');
    equal(fill.volume?.toString(), '0.001');
    ok(
      log.messages.some((m) => m.type === 'myAsset' && m.assets.some((a) => a.currency === 'BTC')),
    );
    deepEqual(log.issues, []);
  });

  it('reconnects after the emulator drops every socket, resubscribes, and keeps receiving', async () => {
    const feed = new PublicWsClient({ url: emulator.wsUrl, ...fast });
    const priv = new PrivateWsClient({ url: emulator.privateWsUrl, credentials: ALICE, ...fast });
    clients.push(feed, priv);
    const pub = record(feed.subscribe('trade', ['KRW-BTC'], { isOnlyRealtime: true }).start());
    const mine = record<PrivateWsMessage>(priv.start());
    await subscribed(emulator, mine);
    await trading(emulator, pub);
    equal(emulator.admin.dropWebSockets('all'), 2);
    await eventually(
      () => pub.connections.length === 2 && mine.connections.length === 2,
      'reconnected',
    );
    await subscribed(emulator, mine);
    await trading(emulator, pub);
  });

  it('rides out a WebSocket outage (upgrades refused) and recovers when it ends', async () => {
    const feed = new PublicWsClient({ url: emulator.wsUrl, ...fast });
    clients.push(feed);
    const log = record(feed.subscribe('ticker', ['KRW-ETH']).start());
    await eventually(() => log.messages.length === 1, 'first snapshot');
    emulator.admin.setFaults({ refuseWebSockets: true });
    emulator.admin.dropWebSockets('public');
    await eventually(() => log.issues.length >= 2, 'refused reconnects');
    emulator.admin.setFaults({ refuseWebSockets: false });
    await eventually(() => log.connections.length === 2, 'back');
    await eventually(
      () => log.messages.filter((m) => m.stream_type === 'SNAPSHOT').length >= 2,
      'snapshot again',
    );
  });

  it('drops a connection that stops carrying data past the stall deadline', async () => {
    const feed = new PublicWsClient({
      url: emulator.wsUrl,
      stallTimeoutMs: 300,
      stallOn: 'data',
      pingIntervalMs: 50,
      ...fast,
    });
    clients.push(feed);
    const log = record(feed.subscribe('trade', ['KRW-BTC'], { isOnlyRealtime: true }).start());
    await eventually(() => log.connections.length >= 2, 'reconnect after stall');
    ok(log.issues.some((e) => e instanceof UpbitWsStallError));
  });
});
