import { deepEqual, equal, ok } from 'node:assert/strict';
import { emulatorUnderTest, KEY, type EmulatorUnderTest } from '../testing/emulator-under-test.js';
import { parseReplay } from '../market/replay-feed.js';
import { eventually } from '../testing/eventually.js';
import { RestClient } from '../testing/rest-client.js';

type Json = Record<string, unknown>;

describe('admin API under /__admin/', () => {
  let t: EmulatorUnderTest;
  const call = async (
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }> => {
    const r = await fetch(`${t.em.url}/__admin${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const json: unknown = await r.json();
    return { status: r.status, json };
  };
  beforeEach(async () => (t = await emulatorUnderTest()));
  afterEach(() => t.em.close());

  it('lists its endpoints with a description', async () => {
    const r = await call('GET', '/');
    ok(
      Array.isArray(r.json) &&
        (r.json as Json[]).some(
          (e) => e['path'] === '/__admin/faults' && typeof e['doc'] === 'string',
        ),
    );
  });

  it('steps the markets and sets or jumps a price', async () => {
    const stepped = await call('POST', '/step', { steps: 3 });
    equal(((stepped.json as Json)['trades'] as unknown[]).length, 6);
    deepEqual((await call('PUT', '/markets/KRW-BTC/price', { price: '101000000' })).json, {
      price: '101000000',
    });
    deepEqual((await call('POST', '/markets/KRW-BTC/jump', { pct: -10 })).json, {
      price: '90900000',
    });
    deepEqual((await call('GET', '/markets/KRW-BTC/price')).json, { price: '90900000' });
    equal(
      (await t.client.publicGet('/v1/ticker', [['markets', 'KRW-BTC']])).text.includes(
        '"trade_price":90900000',
      ),
      true,
    );
  });

  it('refuses off-grid prices, unknown markets and malformed bodies', async () => {
    equal((await call('PUT', '/markets/KRW-BTC/price', { price: '100000500' })).status, 400);
    equal((await call('PUT', '/markets/KRW-NOPE/price', { price: '1000' })).status, 404);
    equal((await call('PUT', '/markets/KRW-BTC/price', { price: 5 })).status, 400);
    equal((await call('POST', '/nothing-here')).status, 404);
  });

  it('opens accounts and sets balances that the exchange API then reports', async () => {
    equal(
      (
        await call('POST', '/accounts', {
          accessKey: 'new-ak',
          secretKey: 'new-sk',
          balances: { KRW: '5000' },
        })
      ).status,
      200,
    );
    const client = new RestClient(t.em.url, { accessKey: 'new-ak', secretKey: 'new-sk' });
    deepEqual(
      ((await client.get('/v1/accounts')).json as Json[]).map((a) => [a['currency'], a['balance']]),
      [['KRW', '5000']],
    );
    await call('PUT', `/accounts/${KEY.accessKey}/balances`, { KRW: '123.45', ETH: '2' });
    const balances = (await call('GET', `/accounts/${KEY.accessKey}`)).json as Json[];
    deepEqual(
      balances.map((b) => [b['currency'], b['balance']]),
      [
        ['KRW', '123.45'],
        ['BTC', '1'],
        ['ETH', '2'],
      ],
    );
  });

  it('lists every accepted order with its account, filterable', async () => {
    await t.client.order({
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'price',
      price: '10000',
      identifier: 'a-1',
    });
    await t.client.order({
      market: 'KRW-ETH',
      side: 'bid',
      ord_type: 'price',
      price: '10000',
      identifier: 'a-2',
    });
    const all = (await call('GET', '/orders')).json as Json[];
    deepEqual(
      all.map((o) => [o['access_key'], o['identifier']]),
      [
        [KEY.accessKey, 'a-1'],
        [KEY.accessKey, 'a-2'],
      ],
    );
    deepEqual(((await call('GET', '/orders?identifier=a-2')).json as Json[]).length, 1);
    ok(Array.isArray(all[0]!['trades']));
    // in process, the count matches the list without rendering it
    equal(t.em.admin.orderCount({ accessKey: KEY.accessKey }), 2);
    equal(t.em.admin.orderCount({ accessKey: KEY.accessKey, side: 'bid', market: 'KRW-ETH' }), 1);
    equal(t.em.admin.orderCount({ side: 'ask' }), 0);
  });

  it('switches faults and rate limits at run time and resets everything', async () => {
    deepEqual(
      ((await call('PUT', '/faults', { burst429: 2, latencyMs: 0 })).json as Json)['burst429'],
      2,
    );
    equal((await call('PUT', '/faults', { burst429: 'many' })).status, 400);
    equal(((await call('DELETE', '/faults')).json as Json)['burst429'], 0);
    equal(
      (
        (
          await call('PUT', '/rate-limits', {
            enabled: true,
            groups: { ticker: { limit: 1, windowMs: 1000 } },
          })
        ).json as Json
      )['enabled'],
      true,
    );
    const ticker = () =>
      t.client.publicGet('/v1/ticker', [['markets', 'KRW-BTC']]).then((r) => r.status);
    deepEqual([await ticker(), await ticker()], [200, 429]);
    await t.client.order({ market: 'KRW-BTC', side: 'bid', ord_type: 'price', price: '10000' });
    await call('PUT', '/markets/KRW-BTC/price', { price: '50000000' });
    equal((await call('POST', '/reset')).status, 200);
    const state = (await call('GET', '/state')).json as {
      markets: Json[];
      accounts: Array<{ balances: Json[] }>;
      rateLimits: Json;
    };
    deepEqual(
      [
        state.markets[0]!['price'],
        state.accounts[0]!.balances[0]!['balance'],
        state.rateLimits['enabled'],
      ],
      ['100000000', '10000000', false],
    );
    deepEqual((await call('GET', '/orders')).json, []);
  });

  it('drops WebSocket connections on request', async () => {
    deepEqual((await call('POST', '/websockets/drop', { kind: 'private' })).json, { dropped: 0 });
  });
});

describe('price timer and determinism', () => {
  it('moves prices on a timer and stops when paused', async () => {
    const t = await emulatorUnderTest({ tickIntervalMs: 10 });
    ok(t.em.admin.running);
    const start = (await t.client.publicGet('/v1/trades/ticks', [['market', 'KRW-BTC']]))
      .json as Json[];
    await eventually(async () => {
      const now = (await t.client.publicGet('/v1/trades/ticks', [['market', 'KRW-BTC']]))
        .json as Json[];
      return now[0]!['sequential_id'] !== start[0]!['sequential_id'] ? true : undefined;
    }, 'a timer step');
    t.em.admin.pause();
    equal(t.em.admin.running, false);
    await t.em.close();
  });

  it('gives the same prices and uuids for the same seed, and different ones for another', async () => {
    const runOnce = async (seed: string) => {
      const t = await emulatorUnderTest({ seed });
      const trades = t.em.admin.step(20).map((x) => x.price);
      const order = (
        await t.client.order({ market: 'KRW-BTC', side: 'bid', ord_type: 'price', price: '10000' })
      ).json as Json;
      await t.em.close();
      return [...trades, order['uuid']];
    };
    deepEqual(await runOnce('s1'), await runOnce('s1'));
    ok((await runOnce('s1')).join() !== (await runOnce('s2')).join());
  });

  it('replays recorded frames instead of walking', async () => {
    const frames = ['140000000', '140010000', '139990000'].map(
      (p) =>
        `{"type":"trade","code":"KRW-BTC","trade_price":${p},"trade_volume":0.01,"ask_bid":"BID"}`,
    );
    const t = await emulatorUnderTest({
      markets: [{ market: 'KRW-ETH' }],
      replay: { frames: parseReplay(frames.join('\n')) },
    });
    equal(t.em.admin.price('KRW-BTC'), '140000000');
    const replayed = t.em.admin
      .step(3)
      .filter((x) => x.market === 'KRW-BTC')
      .map((x) => x.price);
    deepEqual(replayed, ['140000000', '140010000', '139990000']);
    deepEqual(
      t.em.admin.step(1).filter((x) => x.market === 'KRW-BTC'),
      [],
      'the recording ended (no loop)',
    );
    await t.em.close();
  });
});
