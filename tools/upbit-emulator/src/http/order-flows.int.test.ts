import { deepEqual, equal, ok } from 'node:assert/strict';
import { emulatorUnderTest, type EmulatorUnderTest } from '../testing/emulator-under-test.js';
import type { TestResponse } from '../testing/rest-client.js';

type Json = Record<string, unknown>;
const body = (r: TestResponse): Json => r.json as Json;
const errorName = (r: TestResponse): unknown =>
  (r.json as { error?: { name?: unknown } }).error?.name;

describe('order flows over HTTP', () => {
  let t: EmulatorUnderTest;
  const order = (id: string) => t.client.get('/v1/order', [['identifier', id]]).then(body);
  const balance = async (currency: string): Promise<Json | undefined> =>
    ((await t.client.get('/v1/accounts')).json as Json[]).find((a) => a['currency'] === currency);

  beforeEach(
    async () =>
      (t = await emulatorUnderTest({
        markets: [{ market: 'KRW-BTC', startPrice: '100000000', book: { levelKrw: '2000000' } }],
      })),
  );
  afterEach(() => t.em.close());

  it('a limit bid rests, then fills when the price comes down to it', async () => {
    const placed = await t.client.order({
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'limit',
      price: '99000000',
      volume: '0.001',
      identifier: 'rest-1',
    });
    deepEqual(
      [placed.status, body(placed)['state'], body(placed)['locked']],
      [201, 'wait', '99049.5'],
    );
    t.em.admin.setPrice('KRW-BTC', '99500000');
    equal((await order('rest-1'))['state'], 'wait');
    t.em.admin.setPrice('KRW-BTC', '99000000');
    const filled = await order('rest-1');
    deepEqual(
      [filled['state'], filled['executed_volume'], filled['paid_fee'], filled['trades_count']],
      ['done', '0.001', '49.5', 1],
    );
    deepEqual(
      [(await balance('KRW'))?.['balance'], (await balance('BTC'))?.['balance']],
      ['9900950.5', '1.001'],
    );
  });

  it('a market buy fills, refunds the dust and ends cancel with an executed volume', async () => {
    const placed = await t.client.order({
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'price',
      price: '10000',
      identifier: 'mb-1',
    });
    equal(body(placed)['state'], 'wait');
    const after = await order('mb-1');
    deepEqual(
      [after['state'], after['executed_volume'], after['locked'], after['paid_fee']],
      ['cancel', '0.00009999', '0', '4.999549995'],
    );
    equal((await balance('KRW'))?.['balance'], '9989995.900460005');
  });

  it('a market sell fills done and pays the fee from the proceeds', async () => {
    await t.client.order({
      market: 'KRW-BTC',
      side: 'ask',
      ord_type: 'market',
      volume: '0.01',
      identifier: 'ms-1',
    });
    const after = await order('ms-1');
    deepEqual(
      [after['state'], after['executed_volume'], after['paid_fee']],
      ['done', '0.01', '499.995'],
    );
    equal((await balance('KRW'))?.['balance'], '10999490.005');
  });

  it('IOC keeps what crosses and cancels the rest; FOK fills all or nothing', async () => {
    await t.client.order({
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'limit',
      price: '100001000',
      volume: '0.05',
      time_in_force: 'ioc',
      identifier: 'ioc-1',
    });
    const ioc = await order('ioc-1');
    deepEqual(
      [ioc['state'], ioc['executed_volume'], ioc['remaining_volume'], ioc['locked']],
      ['cancel', '0.0199998', '0.0300002', '0'],
    );
    await t.client.order({
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'limit',
      price: '100001000',
      volume: '0.05',
      time_in_force: 'fok',
      identifier: 'fok-1',
    });
    const fok = await order('fok-1');
    deepEqual([fok['state'], fok['executed_volume'], fok['trades_count']], ['cancel', '0', 0]);
  });

  it('post_only is cancelled unfilled when it would take', async () => {
    await t.client.order({
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'limit',
      price: '100001000',
      volume: '0.001',
      time_in_force: 'post_only',
      identifier: 'po-1',
    });
    const po = await order('po-1');
    deepEqual(
      [po['state'], po['trades_count'], (await balance('KRW'))?.['locked']],
      ['cancel', 0, '0'],
    );
  });

  it('DELETE answers the order as it was when the cancel was accepted, then it is cancel', async () => {
    await t.client.order({
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'limit',
      price: '90000000',
      volume: '0.001',
      identifier: 'cx-1',
    });
    const cancelled = await t.client.send('DELETE', '/v1/order', [['identifier', 'cx-1']]);
    deepEqual(
      [cancelled.status, body(cancelled)['state'], body(cancelled)['locked']],
      [200, 'wait', '90045'],
    );
    deepEqual(
      [(await order('cx-1'))['state'], (await balance('KRW'))?.['locked']],
      ['cancel', '0'],
    );
    equal(
      errorName(await t.client.send('DELETE', '/v1/order', [['identifier', 'cx-1']])),
      'order_not_found',
    );
  });

  it('an identifier is never accepted twice, even after its first request failed', async () => {
    const first = await t.client.order({
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'price',
      price: '100',
      identifier: 'dup-1',
    });
    deepEqual([first.status, errorName(first)], [400, 'under_min_total_bid']);
    const second = await t.client.order({
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'price',
      price: '10000',
      identifier: 'dup-1',
    });
    deepEqual([second.status, errorName(second)], [400, 'duplicated_identifier']);
    equal(t.em.admin.orders({ identifier: 'dup-1' }).length, 0);
  });

  it('rejects off-grid prices, small totals and missing funds with the side-specific names', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [
        { side: 'bid', ord_type: 'limit', price: '100000500', volume: '0.001' },
        'invalid_price_bid',
      ],
      [
        { side: 'ask', ord_type: 'limit', price: '100000500', volume: '0.001' },
        'invalid_price_ask',
      ],
      [
        { side: 'bid', ord_type: 'limit', price: '1000000', volume: '0.001' },
        'under_min_total_bid',
      ],
      [{ side: 'ask', ord_type: 'market', volume: '0.00001' }, 'under_min_total_ask'],
      [
        { side: 'bid', ord_type: 'limit', price: '100000000', volume: '0.5' },
        'insufficient_funds_bid',
      ],
      [{ side: 'ask', ord_type: 'market', volume: '2' }, 'insufficient_funds_ask'],
      [{ side: 'bid', ord_type: 'price', price: '10000', volume: '0.1' }, 'create_bid_error'],
      [{ side: 'ask', ord_type: 'market', price: '10000', volume: '0.1' }, 'create_ask_error'],
    ];
    for (const [fields, name] of cases) {
      const r = await t.client.order({ market: 'KRW-BTC', ...fields });
      deepEqual([r.status, errorName(r)], [400, name], JSON.stringify(fields));
    }
    equal(t.em.admin.orders().length, 0);
  });

  it('lists open orders by state and closed orders within the window', async () => {
    await t.client.order({
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'limit',
      price: '90000000',
      volume: '0.001',
      identifier: 'o-1',
    });
    await t.client.order({
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'price',
      price: '10000',
      identifier: 'c-1',
    });
    const open = (await t.client.get('/v1/orders/open', [['states[]', 'wait']])).json as Json[];
    deepEqual(
      open.map((o) => o['identifier']),
      ['o-1'],
    );
    const closed = (await t.client.get('/v1/orders/closed', [['state', 'cancel']])).json as Json[];
    deepEqual(
      closed.map((o) => o['identifier']),
      ['c-1'],
    );
    const badWindow = await t.client.get('/v1/orders/closed', [
      ['start_time', '2026-01-01T00:00:00+09:00'],
      ['end_time', '2026-01-09T00:00:00+09:00'],
    ]);
    deepEqual([badWindow.status, errorName(badWindow)], [400, 'validation_error']);
    ok((await t.client.get('/v1/orders/open', [['limit', '101']])).status === 400);
  });
});
