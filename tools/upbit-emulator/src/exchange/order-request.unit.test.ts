import { deepEqual, equal, ok } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import { identifierOf, parseOrderRequest } from './order-request.js';

const nameOf = (body: unknown): string => {
  const r = parseOrderRequest(body);
  return E.isLeft(r) ? r.left.name : 'ok';
};

describe('order request parsing', () => {
  it('accepts each ord_type with its documented parameters', () => {
    equal(
      nameOf({
        market: 'KRW-BTC',
        side: 'bid',
        ord_type: 'limit',
        price: '100000000',
        volume: '0.001',
      }),
      'ok',
    );
    equal(nameOf({ market: 'KRW-BTC', side: 'bid', ord_type: 'price', price: '10000' }), 'ok');
    equal(nameOf({ market: 'KRW-BTC', side: 'ask', ord_type: 'market', volume: '0.001' }), 'ok');
    equal(
      nameOf({
        market: 'KRW-BTC',
        side: 'bid',
        ord_type: 'best',
        price: '10000',
        time_in_force: 'ioc',
      }),
      'ok',
    );
    equal(
      nameOf({
        market: 'KRW-BTC',
        side: 'ask',
        ord_type: 'best',
        volume: '0.1',
        time_in_force: 'fok',
      }),
      'ok',
    );
    equal(
      nameOf({
        market: 'KRW-BTC',
        side: 'bid',
        ord_type: 'limit',
        price: 100,
        volume: 1,
        time_in_force: 'post_only',
      }),
      'ok',
    );
  });

  it('answers create_bid_error / create_ask_error for a price on a market sell or a volume on a market buy', () => {
    equal(
      nameOf({ market: 'KRW-BTC', side: 'bid', ord_type: 'price', price: '10000', volume: '1' }),
      'create_bid_error',
    );
    equal(
      nameOf({ market: 'KRW-BTC', side: 'ask', ord_type: 'market', price: '10000', volume: '1' }),
      'create_ask_error',
    );
    equal(
      nameOf({ market: 'KRW-BTC', side: 'ask', ord_type: 'price', price: '10000' }),
      'create_ask_error',
    );
    equal(
      nameOf({ market: 'KRW-BTC', side: 'bid', ord_type: 'market', volume: '1' }),
      'create_bid_error',
    );
  });

  it('treats null and absent alike (Upbit: "null or leave the key out")', () => {
    equal(
      nameOf({ market: 'KRW-BTC', side: 'bid', ord_type: 'price', price: '10000', volume: null }),
      'ok',
    );
  });

  it('answers validation_error for missing, malformed or contradictory parameters', () => {
    for (const body of [
      null,
      [],
      { side: 'bid', ord_type: 'limit', price: '1', volume: '1' },
      { market: 'KRW-BTC', side: 'buy', ord_type: 'limit', price: '1', volume: '1' },
      { market: 'KRW-BTC', side: 'bid', ord_type: 'stop', price: '1', volume: '1' },
      { market: 'KRW-BTC', side: 'bid', ord_type: 'limit', price: '1' },
      { market: 'KRW-BTC', side: 'bid', ord_type: 'limit', price: '-1', volume: '1' },
      { market: 'KRW-BTC', side: 'bid', ord_type: 'limit', price: 'abc', volume: '1' },
      { market: 'KRW-BTC', side: 'bid', ord_type: 'limit', price: '1', volume: '0.000000001' },
      { market: 'KRW-BTC', side: 'bid', ord_type: 'best', price: '10000' },
      { market: 'KRW-BTC', side: 'bid', ord_type: 'price', price: '10000', time_in_force: 'ioc' },
      {
        market: 'KRW-BTC',
        side: 'ask',
        ord_type: 'market',
        volume: '1',
        time_in_force: 'post_only',
      },
      {
        market: 'KRW-BTC',
        side: 'bid',
        ord_type: 'limit',
        price: '1',
        volume: '1',
        time_in_force: 'gtc',
      },
      {
        market: 'KRW-BTC',
        side: 'bid',
        ord_type: 'limit',
        price: '1',
        volume: '1',
        time_in_force: 'post_only',
        smp_type: 'reduce',
      },
      {
        market: 'KRW-BTC',
        side: 'bid',
        ord_type: 'limit',
        price: '1',
        volume: '1',
        smp_type: 'nope',
      },
      {
        market: 'KRW-BTC',
        side: 'bid',
        ord_type: 'limit',
        price: '1',
        volume: '1',
        identifier: 'x'.repeat(65),
      },
    ]) {
      equal(nameOf(body), 'validation_error', JSON.stringify(body));
    }
  });

  it('exposes the identifier of a body only when it is usable', () => {
    equal(identifierOf({ identifier: 'abc' }), 'abc');
    equal(identifierOf({ identifier: '' }), undefined);
    equal(identifierOf({ identifier: 7 }), undefined);
    equal(identifierOf('x'), undefined);
  });

  it('parses decimals exactly', () => {
    const r = parseOrderRequest({
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'limit',
      price: '140000000',
      volume: '0.00012345',
    });
    ok(E.isRight(r));
    deepEqual([r.right.price?.toString(), r.right.volume?.toString()], ['140000000', '0.00012345']);
  });
});
