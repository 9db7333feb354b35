import { deepEqual, equal, ok } from 'node:assert/strict';
import type { RunningEmulator } from '@hoga/upbit-emulator';
import { dec } from '@hoga/model';
import type { UpbitClient } from '../api/upbit-client.js';
import { clientFor, startTestEmulator } from '../testing/emulator-harness.js';

describe('conformance: REST endpoints against the emulator', () => {
  let emulator: RunningEmulator;
  let client: UpbitClient;
  before(async () => {
    emulator = await startTestEmulator();
    emulator.admin.step(20);
    client = clientFor(emulator);
  });
  after(() => emulator.close());

  it('GET /v1/accounts: balances as exact decimals', async () => {
    const accounts = await client.account.balances();
    const krw = accounts.find((a) => a.currency === 'KRW');
    equal(krw?.balance.toString(), '100000000');
    equal(accounts.find((a) => a.currency === 'BTC')?.balance.toString(), '1');
  });

  it('GET /v1/orders/chance: fees and minimum totals', async () => {
    const chance = await client.account.chance('KRW-BTC');
    equal(chance.bid_fee.toString(), '0.0005');
    equal(chance.market.id, 'KRW-BTC');
    equal(chance.market.bid.min_total.toString(), '5000');
    equal(chance.bid_account.currency, 'KRW');
  });

  it('POST /v1/orders/test validates without placing', async () => {
    const tested = await client.orders.test({
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'limit',
      price: '90000000',
      volume: '0.001',
      identifier: 'conf-test-1',
    });
    equal(tested.ord_type, 'limit');
    equal(
      (await client.orders.open({ market: 'KRW-BTC' })).some((o) => o.identifier === 'conf-test-1'),
      false,
    );
  });

  it('POST /v1/orders (limit), GET /v1/order by uuid and identifier, orders/uuids, orders/open, DELETE', async () => {
    const placed = await client.orders.place({
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'limit',
      price: '90000000',
      volume: '0.001',
      identifier: 'conf-limit-1',
    });
    equal(placed.state, 'wait');
    equal(
      placed.locked.toString(),
      dec('90000000').mul('0.001').plus(placed.reserved_fee).toString(),
    );
    const byUuid = await client.orders.get({ uuid: placed.uuid });
    const byId = await client.orders.get({ identifier: 'conf-limit-1' });
    equal(byUuid.uuid, byId.uuid);
    deepEqual(byId.trades, []);
    const byUuids = await client.orders.byIds({ uuids: [placed.uuid] });
    const byIdentifiers = await client.orders.byIds({
      identifiers: ['conf-limit-1'],
      market: 'KRW-BTC',
    });
    deepEqual([byUuids[0]?.uuid, byIdentifiers[0]?.uuid], [placed.uuid, placed.uuid]);
    const open = await client.orders.open({
      market: 'KRW-BTC',
      states: ['wait', 'watch'],
      limit: 100,
      order_by: 'desc',
    });
    ok(open.some((o) => o.uuid === placed.uuid));
    const cancelled = await client.orders.cancel({ identifier: 'conf-limit-1' });
    equal(cancelled.uuid, placed.uuid);
    ok(['wait', 'cancel'].includes(cancelled.state));
  });

  it('market buy (price) and market sell (market) fill and show in orders/closed', async () => {
    const buy = await client.orders.place({
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'price',
      price: '10000',
      identifier: 'conf-mbuy-1',
    });
    equal(buy.volume, null);
    const sell = await client.orders.place({
      market: 'KRW-BTC',
      side: 'ask',
      ord_type: 'market',
      volume: '0.0001',
      identifier: 'conf-msell-1',
    });
    equal(sell.price, null);
    const boughtNow = await client.orders.get({ identifier: 'conf-mbuy-1' });
    ok(boughtNow.executed_volume.gt(0), 'market buy filled');
    ok(boughtNow.trades.length > 0 && boughtNow.trades.every((t) => t.funds.gt(0)));
    const closed = await client.orders.closed({
      market: 'KRW-BTC',
      states: ['done', 'cancel'],
      start_time: new Date(Date.now() - 3_600_000),
      end_time: new Date(Date.now() + 60_000),
      limit: 100,
    });
    const ids = closed.map((o) => o.identifier);
    ok(ids.includes('conf-mbuy-1') && ids.includes('conf-msell-1'), `closed: ${ids.join(',')}`);
  });

  it('quotation: market/all, ticker, ticker/all, orderbook, instruments, trades/ticks', async () => {
    const markets = await client.quotation.markets();
    deepEqual(markets.map((m) => m.market).sort(), ['KRW-BTC', 'KRW-ETH']);
    const [ticker] = await client.quotation.tickers(['KRW-BTC']);
    ok(ticker !== undefined && ticker.trade_price.gt(0));
    equal((await client.quotation.allTickers(['KRW'])).length, 2);
    const [book] = await client.quotation.orderbooks(['KRW-BTC']);
    ok(
      book !== undefined &&
        book.orderbook_units.length > 0 &&
        book.orderbook_units[0]!.ask_price.gt(book.orderbook_units[0]!.bid_price),
    );
    const [instrument] = await client.quotation.instruments(['KRW-BTC']);
    equal(instrument?.tick_size.toString(), '1000');
    const ticks = await client.quotation.tradeTicks({ market: 'KRW-BTC', count: 5 });
    ok(ticks.length > 0 && ticks.length <= 5);
  });

  it('candles: minutes (with a `to` time URL-encoded on the wire) and days', async () => {
    const recent = await client.quotation.minuteCandles(1, { market: 'KRW-BTC', count: 3 });
    ok(recent.length > 0 && recent.length <= 3);
    equal(recent[0]?.unit, 1);
    const older = await client.quotation.minuteCandles(5, {
      market: 'KRW-BTC',
      to: new Date(Date.now() - 10 * 60_000),
      count: 2,
    });
    ok(older.every((c) => Date.parse(`${c.candle_date_time_utc}Z`) < Date.now() - 10 * 60_000));
    const days = await client.quotation.dayCandles({ market: 'KRW-ETH', count: 1 });
    equal(days[0]?.market, 'KRW-ETH');
  });
});
