import { deepEqual, equal, ok, rejects } from 'node:assert/strict';
import { checkShape } from '../fixtures/shape.js';
import { MY_ASSET_FRAME, MY_ORDER_FRAME } from '../fixtures/websocket.fixtures.js';
import { emulatorUnderTest, KEY, type EmulatorUnderTest } from '../testing/emulator-under-test.js';
import { bearer } from '../testing/upbit-signer.js';
import { WsClient } from '../testing/ws-client.js';

type Frame = Record<string, unknown>;

describe('private WebSocket', () => {
  let t: EmulatorUnderTest;
  let ws: WsClient;
  beforeEach(async () => {
    t = await emulatorUnderTest();
    ws = await WsClient.connect(t.em.privateWsUrl, await bearer(KEY));
  });
  afterEach(async () => {
    ws.close();
    await t.em.close();
  });

  it('refuses a connection without a valid JWT (401)', async () => {
    await rejects(
      WsClient.connect(t.em.privateWsUrl),
      (e: { status?: number }) => e.status === 401,
    );
    await rejects(
      WsClient.connect(t.em.privateWsUrl, await bearer({ ...KEY, secretKey: 'wrong' })),
      (e: { status?: number }) => e.status === 401,
    );
  });

  it("reports wait, then a trade per fill with the fill's price and volume, then done", async () => {
    ws.request([{ ticket: 'p' }, { type: 'myOrder' }]);
    await t.client.order({
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'limit',
      price: '99000000',
      volume: '0.001',
      identifier: 'ws-1',
    });
    t.em.admin.setPrice('KRW-BTC', '98000000');
    const frames = await ws.waitFor((j) => j['type'] === 'myOrder', 'three myOrder frames', 3);
    deepEqual(
      frames.map((f) => f['state']),
      ['wait', 'trade', 'done'],
    );
    for (const f of frames) deepEqual(checkShape(f, MY_ORDER_FRAME), []);
    const trade = frames[1]!;
    deepEqual(
      [trade['price'], trade['volume'], trade['is_maker'], trade['trade_fee'], trade['identifier']],
      [99000000, 0.001, true, 49.5, 'ws-1'],
    );
    ok(ws.frames.every((f) => f.binary));
  });

  it('reports a market buy as trades followed by cancel (the refunded dust)', async () => {
    ws.request([{ ticket: 'p' }, { type: 'myOrder', codes: ['KRW-BTC'] }]);
    await t.client.order({ market: 'KRW-BTC', side: 'bid', ord_type: 'price', price: '10000' });
    const frames = await ws.waitFor((j) => j['type'] === 'myOrder', 'three frames', 3);
    deepEqual(
      frames.map((f) => f['state']),
      ['wait', 'trade', 'cancel'],
    );
    equal(frames[2]!['executed_volume'], 0.00009999);
  });

  it('filters myOrder by codes and sends myAsset changes', async () => {
    ws.request([{ ticket: 'p' }, { type: 'myOrder', codes: ['KRW-ETH'] }, { type: 'myAsset' }]);
    await t.client.order({
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'limit',
      price: '90000000',
      volume: '0.001',
    });
    await t.client.order({
      market: 'KRW-ETH',
      side: 'bid',
      ord_type: 'limit',
      price: '4000000',
      volume: '0.01',
    });
    await ws.waitFor((j) => j['type'] === 'myOrder' && j['code'] === 'KRW-ETH', 'the ETH order');
    deepEqual(
      ws.matching((j) => j['type'] === 'myOrder' && j['code'] === 'KRW-BTC'),
      [],
    );
    const assets = await ws.waitFor((j) => j['type'] === 'myAsset', 'two asset frames', 2);
    for (const a of assets) deepEqual(checkShape(a, MY_ASSET_FRAME), []);
    const krw = (assets[1]!['assets'] as Frame[]).find((a) => a['currency'] === 'KRW');
    deepEqual([krw?.['balance'], krw?.['locked']], [10000000 - 90045 - 40020, 90045 + 40020]);
  });
});
