import { deepEqual, equal, ok } from 'node:assert/strict';
import { ERROR } from '../fixtures/exchange.fixtures.js';
import {
  DAY_CANDLE,
  INSTRUMENT,
  MARKET,
  MINUTE_CANDLE,
  ORDERBOOK,
  PERIOD_CANDLE,
  SECOND_CANDLE,
  TICK,
  TICKER,
} from '../fixtures/quotation.fixtures.js';
import { checkShape, checkSpec, f, type Shape } from '../fixtures/shape.js';
import { emulatorUnderTest, type EmulatorUnderTest } from '../testing/emulator-under-test.js';
import type { Params, TestResponse } from '../testing/rest-client.js';

type Row = Record<string, unknown>;

describe('quotation API responses match the documented shapes', () => {
  let t: EmulatorUnderTest;
  const get = (path: string, params: Params = []) => t.client.publicGet(path, params);
  const list = async (path: string, params: Params, shape: Shape): Promise<Row[]> => {
    const r: TestResponse = await get(path, params);
    equal(r.status, 200, r.text);
    deepEqual(checkSpec(r.json, f.arr(f.obj(shape))), []);
    ok((r.json as Row[]).length > 0, `${path} returned an empty list`);
    return r.json as Row[];
  };

  before(async () => {
    t = await emulatorUnderTest();
    t.em.admin.step(5);
  });
  after(() => t.em.close());

  it('GET /v1/market/all, with and without details', async () => {
    const plain = await list('/v1/market/all', [], MARKET);
    ok(plain.every((m) => !('market_event' in m)));
    const details = await list('/v1/market/all', [['is_details', 'true']], MARKET);
    ok(details.every((m) => 'market_event' in m));
  });

  it('GET /v1/ticker and /v1/ticker/all', async () => {
    const rows = await list('/v1/ticker', [['markets', 'KRW-BTC,KRW-ETH']], TICKER);
    deepEqual(
      rows.map((r) => r['market']),
      ['KRW-BTC', 'KRW-ETH'],
    );
    equal(rows[0]!['trade_price'], Number(t.em.admin.price('KRW-BTC')));
    equal((await list('/v1/ticker/all', [['quote_currencies', 'KRW']], TICKER)).length, 2);
  });

  it('GET /v1/orderbook: 30 units, asks above bids', async () => {
    const [book] = await list('/v1/orderbook', [['markets', 'KRW-BTC']], ORDERBOOK);
    const units = book!['orderbook_units'] as Array<Record<string, number>>;
    equal(units.length, 30);
    ok(units[0]!['ask_price']! > units[0]!['bid_price']!);
    const [five] = await list(
      '/v1/orderbook',
      [
        ['markets', 'KRW-BTC'],
        ['count', '5'],
      ],
      ORDERBOOK,
    );
    equal((five!['orderbook_units'] as unknown[]).length, 5);
  });

  it('GET /v1/orderbook/instruments: tick_size is a string', async () => {
    const [row] = await list('/v1/orderbook/instruments', [['markets', 'KRW-BTC']], INSTRUMENT);
    equal(row!['tick_size'], '1000');
  });

  it('GET /v1/trades/ticks: newest first, paged by cursor', async () => {
    const rows = await list(
      '/v1/trades/ticks',
      [
        ['market', 'KRW-BTC'],
        ['count', '3'],
      ],
      TICK,
    );
    equal(rows.length, 3);
    ok((rows[0]!['sequential_id'] as number) > (rows[1]!['sequential_id'] as number));
    const older = await list(
      '/v1/trades/ticks',
      [
        ['market', 'KRW-BTC'],
        ['count', '2'],
        ['cursor', String(rows[2]!['sequential_id'])],
      ],
      TICK,
    );
    ok((older[0]!['sequential_id'] as number) < (rows[2]!['sequential_id'] as number));
  });

  it('GET /v1/candles/minutes/{unit}: newest first, count, `to` exclusive', async () => {
    const rows = await list(
      '/v1/candles/minutes/1',
      [
        ['market', 'KRW-BTC'],
        ['count', '3'],
      ],
      MINUTE_CANDLE,
    );
    equal(rows.length, 3);
    ok(String(rows[0]!['candle_date_time_utc']) > String(rows[1]!['candle_date_time_utc']));
    const to = `${String(rows[0]!['candle_date_time_utc'])}Z`;
    const before = await list(
      '/v1/candles/minutes/1',
      [
        ['market', 'KRW-BTC'],
        ['count', '1'],
        ['to', to],
      ],
      MINUTE_CANDLE,
    );
    equal(before[0]!['candle_date_time_utc'], rows[1]!['candle_date_time_utc']);
    const fives = await list(
      '/v1/candles/minutes/5',
      [
        ['market', 'KRW-BTC'],
        ['count', '2'],
      ],
      MINUTE_CANDLE,
    );
    equal(fives[0]!['unit'], 5);
    for (const c of fives)
      equal(new Date(`${String(c['candle_date_time_utc'])}Z`).getUTCMinutes() % 5, 0);
  });

  it('GET /v1/candles/seconds, /days, /weeks, /months', async () => {
    await list('/v1/candles/seconds', [['market', 'KRW-BTC']], SECOND_CANDLE);
    await list(
      '/v1/candles/days',
      [
        ['market', 'KRW-BTC'],
        ['count', '2'],
      ],
      DAY_CANDLE,
    );
    await list('/v1/candles/weeks', [['market', 'KRW-BTC']], PERIOD_CANDLE);
    await list('/v1/candles/months', [['market', 'KRW-BTC']], PERIOD_CANDLE);
  });

  it('an unknown market answers 404 with an integer error name; a bad unit or count 400', async () => {
    const r = await get('/v1/ticker', [['markets', 'KRW-NOPE']]);
    deepEqual(
      [r.status, checkShape(r.json, ERROR), (r.json as { error: { name: unknown } }).error.name],
      [404, [], 404],
    );
    equal((await get('/v1/candles/minutes/7', [['market', 'KRW-BTC']])).status, 400);
    equal(
      (
        await get('/v1/candles/minutes/1', [
          ['market', 'KRW-BTC'],
          ['count', '201'],
        ])
      ).status,
      400,
    );
  });
});
