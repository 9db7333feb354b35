import { equal, ok } from 'node:assert/strict';
import { emulatorUnderTest, KEY, type EmulatorUnderTest } from '../testing/emulator-under-test.js';

type Json = Record<string, unknown>;

describe('admin: an order placed as another client of the same account', () => {
  let t: EmulatorUnderTest;
  const post = async (path: string, body: unknown) => {
    const r = await fetch(`${t.em.url}/__admin${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: r.status, json: (await r.json()) as Json };
  };
  beforeEach(async () => (t = await emulatorUnderTest()));
  afterEach(() => t.em.close());

  it('is an order of the account like one sent by REST: listed, matched, its funds locked', async () => {
    const placed = await post(`/accounts/${KEY.accessKey}/orders`, {
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'limit',
      price: '90000000',
      volume: '0.001',
    });
    equal(placed.status, 200, JSON.stringify(placed.json));
    equal(placed.json['state'], 'wait');
    const orders = t.em.admin.orders({ accessKey: KEY.accessKey });
    ok(orders.some((o) => o['uuid'] === placed.json['uuid']));
    const krw = t.em.admin.balances(KEY.accessKey).find((b) => b.currency === 'KRW');
    ok(krw && Number(krw.locked) > 0, 'the bid locks KRW');
  });

  it('refuses what Upbit refuses, with its error name, and places nothing', async () => {
    const before = t.em.admin.orders().length;
    const refused = await post(`/accounts/${KEY.accessKey}/orders`, {
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'limit',
      price: '90000000',
      volume: '0.00001',
    });
    equal(refused.status, 400);
    ok(JSON.stringify(refused.json).includes('under_min_total_bid'), JSON.stringify(refused.json));
    equal(t.em.admin.orders().length, before);
  });
});
