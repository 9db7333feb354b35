import { equal, ok } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import { baseCurrency, Market, OrderId, PositionId } from './ids.js';
import { decodeWith } from './decode.js';
import { PriceC } from './decimal.codec.js';
import * as t from 'io-ts';

describe('ids', () => {
  it('accepts KRW markets and rejects others', () => {
    ok(E.isRight(Market.decode('KRW-BTC')));
    for (const bad of ['BTC-ETH', 'krw-btc', 'KRW-', 'KRW-BTC.X', 'KRW-*', 'KRW-BTC ', 42])
      ok(E.isLeft(Market.decode(bad)), String(bad));
  });
  it('gives the base currency', () => equal(baseCurrency('KRW-XRP' as Market), 'XRP'));
  it('keeps ids safe as subject tokens', () => {
    ok(E.isRight(PositionId.decode('pos_01HZX-9')));
    for (const bad of ['', 'a.b', 'a*', 'a>', 'a b', 'x'.repeat(65)])
      ok(E.isLeft(OrderId.decode(bad)), bad);
  });
});

describe('decodeWith', () => {
  const Order = t.strict({ market: Market, legs: t.array(t.strict({ price: PriceC })) }, 'Order');
  it('names the path of a nested failure and hides the value', () => {
    const r = decodeWith(Order, { market: 'KRW-BTC', legs: [{ price: '100' }, { price: '-5' }] });
    ok(E.isLeft(r));
    equal(r.left.issues[0]?.path, 'legs[1].price');
    ok(r.left.message.includes('legs[1].price'));
  });
  it('reports a missing field', () => {
    const r = decodeWith(Order, { legs: [] });
    ok(E.isLeft(r));
    equal(r.left.issues[0]?.path, 'market');
    equal(r.left.issues[0]?.received, 'undefined');
  });
  it('does not echo long strings (they may be secrets)', () => {
    const secret = 'sk_live_0123456789abcdefghijklmnop';
    const r = decodeWith(Order, { market: secret, legs: [] });
    ok(E.isLeft(r));
    ok(!r.left.message.includes(secret));
  });
});
