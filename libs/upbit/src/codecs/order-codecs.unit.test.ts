import { deepEqual, equal, ok } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { decodeWith } from '@hoga/model';
import { limitBidJson, marketBuyJson, marketSellJson } from '../testing/fixtures.js';
import { UpbitAccountListC } from './account.codec.js';
import { UpbitOrderChanceC } from './chance.codec.js';
import { IntC } from './lenient.codec.js';
import { UpbitOrderC, UpbitOrderDetailC } from './order.codec.js';

function right<A>(r: E.Either<Error, A>): A {
  if (E.isLeft(r)) throw r.left;
  return r.right;
}

describe('REST codecs', () => {
  it('decodes an order into exact decimals', () => {
    const o = right(decodeWith(UpbitOrderC, limitBidJson));
    equal(o.price?.toString(), '100000000');
    equal(o.volume?.mul(o.price).plus(o.reserved_fee).toString(), o.locked.toString());
    equal(o.trades_count, 0);
    equal(o.identifier, 'pos-1-entry-1');
    equal(o.time_in_force, null);
  });

  it('accepts a market buy with null volume and trades_count as a string', () => {
    const o = right(decodeWith(UpbitOrderC, marketBuyJson));
    equal(o.volume, null);
    equal(o.trades_count, 2);
    equal(o.state, 'cancel');
    equal(o.executed_volume.toString(), '0.00010101');
  });

  it('accepts a market sell without a price', () => {
    const o = right(decodeWith(UpbitOrderC, marketSellJson));
    equal(o.price, null);
    equal(o.paid_fee.toString(), '2500.25');
  });

  it('turns an unknown state into a typed decode error naming the path', () => {
    const r = decodeWith(UpbitOrderC, { ...limitBidJson, state: 'pending' });
    ok(E.isLeft(r));
    equal(r.left.issues[0]?.path, 'state');
  });

  it('rejects numbers that are not decimals (NaN, words, negative fees)', () => {
    for (const bad of [
      { price: 'NaN' },
      { volume: 'abc' },
      { paid_fee: '-1' },
      { trades_count: 1.5 },
      { executed_volume: {} },
    ]) {
      const r = decodeWith(UpbitOrderC, { ...limitBidJson, ...bad });
      ok(E.isLeft(r), JSON.stringify(bad));
      equal(r.left.issues[0]?.path, Object.keys(bad)[0]);
    }
  });

  it('decodes an order with its trades, and absent trades as none', () => {
    const trade = {
      market: 'KRW-BTC',
      uuid: 't-1',
      price: '100000000',
      volume: '0.004',
      funds: '400000',
      trend: 'up',
      created_at: '2026-11-23T18:00:01+09:00',
      side: 'bid',
    };
    const withTrades = right(decodeWith(UpbitOrderDetailC, { ...limitBidJson, trades: [trade] }));
    equal(withTrades.trades[0]?.funds.toString(), '400000');
    deepEqual(right(decodeWith(UpbitOrderDetailC, limitBidJson)).trades, []);
  });

  it('strips unknown keys from decoded orders', () => {
    const o = right(decodeWith(UpbitOrderC, { ...limitBidJson, surprise: 1 }));
    ok(!('surprise' in o));
  });

  it('decodes accounts and order chance', () => {
    const krw = {
      currency: 'KRW',
      balance: '1000000.12345678',
      locked: '0',
      avg_buy_price: '0',
      avg_buy_price_modified: false,
      unit_currency: 'KRW',
    };
    const btc = { ...krw, currency: 'BTC', balance: '0.5', avg_buy_price: '95000000' };
    const [a] = right(decodeWith(UpbitAccountListC, [krw]));
    equal(a?.balance.toString(), '1000000.12345678');
    const chance = right(
      decodeWith(UpbitOrderChanceC, {
        bid_fee: '0.0005',
        ask_fee: '0.0005',
        maker_bid_fee: '0.0005',
        maker_ask_fee: '0.0005',
        market: {
          id: 'KRW-BTC',
          name: 'BTC/KRW',
          order_sides: ['ask', 'bid'],
          bid_types: ['limit', 'price'],
          ask_types: ['limit', 'market'],
          bid: { currency: 'KRW', min_total: '5000' },
          ask: { currency: 'BTC', min_total: '5000' },
          max_total: '1000000000',
          state: 'active',
        },
        bid_account: krw,
        ask_account: btc,
      }),
    );
    equal(chance.bid_fee.toString(), '0.0005');
    equal(chance.market.bid.min_total.toString(), '5000');
    equal(chance.ask_account.avg_buy_price.toString(), '95000000');
  });

  it('reads counts as numbers or digit strings, nothing else', () => {
    fc.assert(
      fc.property(fc.nat({ max: Number.MAX_SAFE_INTEGER }), (n) => {
        equal(right(decodeWith(IntC, n)), n);
        if (n < 1e15) equal(right(decodeWith(IntC, String(n))), n);
      }),
    );
    for (const bad of [-1, 1.5, '1e3', ' 1', '', null, Number.NaN])
      ok(E.isLeft(decodeWith(IntC, bad)), String(bad));
  });
});
