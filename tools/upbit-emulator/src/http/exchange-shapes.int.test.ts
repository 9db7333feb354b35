import { deepEqual, equal, ok } from 'node:assert/strict';
import {
  ACCOUNT,
  CANCEL_OPEN,
  CHANCE,
  ERROR,
  ORDER,
  ORDER_WITH_TRADES,
} from '../fixtures/exchange.fixtures.js';
import { checkShape, checkSpec, f, type Shape } from '../fixtures/shape.js';
import { emulatorUnderTest, type EmulatorUnderTest } from '../testing/emulator-under-test.js';
import type { TestResponse } from '../testing/rest-client.js';

const conforms = (r: TestResponse, shape: Shape, status = 200): void => {
  equal(r.status, status, r.text);
  deepEqual(checkShape(r.json, shape), []);
};
const conformsEach = (r: TestResponse, shape: Shape): void => {
  equal(r.status, 200, r.text);
  ok(Array.isArray(r.json) && r.json.length > 0, 'a non-empty list');
  deepEqual(checkSpec(r.json, f.arr(f.obj(shape))), []);
};
const field = (r: TestResponse, name: string): unknown => (r.json as Record<string, unknown>)[name];

describe('exchange API responses match the documented shapes', () => {
  let t: EmulatorUnderTest;
  before(async () => (t = await emulatorUnderTest()));
  after(() => t.em.close());

  it('GET /v1/accounts', async () => conformsEach(await t.client.get('/v1/accounts'), ACCOUNT));

  it('GET /v1/orders/chance', async () =>
    conforms(await t.client.get('/v1/orders/chance', [['market', 'KRW-BTC']]), CHANCE));

  it('POST /v1/orders: a limit order with identifier and time_in_force', async () => {
    const r = await t.client.order({
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'limit',
      price: '90000000',
      volume: '0.001',
      identifier: 'shape-1',
      time_in_force: 'post_only',
    });
    conforms(r, ORDER, 201);
    deepEqual(
      [field(r, 'identifier'), field(r, 'time_in_force'), field(r, 'trades_count')],
      ['shape-1', 'post_only', 0],
    );
  });

  it('POST /v1/orders: a market buy has volume null; a market sell has no price', async () => {
    const buy = await t.client.order({
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'price',
      price: '10000',
      identifier: 'shape-buy',
    });
    conforms(buy, ORDER, 201);
    deepEqual(
      [field(buy, 'volume'), field(buy, 'remaining_volume'), field(buy, 'state')],
      [null, null, 'wait'],
    );
    const sell = await t.client.order({
      market: 'KRW-BTC',
      side: 'ask',
      ord_type: 'market',
      volume: '0.0001',
    });
    conforms(sell, ORDER, 201);
    ok(!('price' in (sell.json as object)), 'no price key on a market sell');
  });

  it('POST /v1/orders/test answers an order object without placing it', async () => {
    const r = await t.client.post('/v1/orders/test', {
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'limit',
      price: '90000000',
      volume: '0.001',
    });
    conforms(r, ORDER, 201);
    equal(t.em.admin.orders().filter((o) => o['uuid'] === field(r, 'uuid')).length, 0);
  });

  it('GET /v1/order with trades[]', async () => {
    const r = await t.client.get('/v1/order', [['identifier', 'shape-buy']]);
    conforms(r, ORDER_WITH_TRADES);
    ok((field(r, 'trades') as unknown[]).length > 0);
    equal(field(r, 'state'), 'cancel');
  });

  it('GET /v1/orders/open, /closed and /uuids', async () => {
    conformsEach(
      await t.client.get('/v1/orders/open', [
        ['market', 'KRW-BTC'],
        ['states[]', 'wait'],
      ]),
      ORDER,
    );
    conformsEach(await t.client.get('/v1/orders/closed', [['market', 'KRW-BTC']]), ORDER);
    conformsEach(
      await t.client.get('/v1/orders/uuids', [
        ['identifiers[]', 'shape-1'],
        ['identifiers[]', 'shape-buy'],
      ]),
      ORDER,
    );
  });

  it('DELETE /v1/order and DELETE /v1/orders/open', async () => {
    await t.client.order({
      market: 'KRW-ETH',
      side: 'bid',
      ord_type: 'limit',
      price: '4000000',
      volume: '0.01',
    });
    conforms(await t.client.send('DELETE', '/v1/order', [['identifier', 'shape-1']]), ORDER);
    conforms(
      await t.client.send('DELETE', '/v1/orders/open', [['cancel_side', 'all']]),
      CANCEL_OPEN,
    );
  });

  it('errors: {"error":{"name","message"}} with the documented status, and Remaining-Req on every answer', async () => {
    const notFound = await t.client.get('/v1/order', [
      ['uuid', '00000000-0000-4000-8000-000000000000'],
    ]);
    conforms(notFound, ERROR, 404);
    equal((notFound.json as { error: { name: string } }).error.name, 'order_not_found');
    const invalid = await t.client.order({
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'limit',
      price: '90000500',
      volume: '0.001',
    });
    conforms(invalid, ERROR, 400);
    for (const r of [notFound, invalid])
      ok(
        /^group=[a-z-]+; min=\d+; sec=\d+$/.test(r.headers.get('remaining-req') ?? ''),
        r.headers.get('remaining-req') ?? 'none',
      );
  });
});
