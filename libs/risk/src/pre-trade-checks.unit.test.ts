import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import { dec, krw, volume } from '@hoga/model';
import { checkOrder } from './pre-trade-checks.js';
import {
  BTC,
  codesOf,
  context,
  limitBuy,
  limitSell,
  marketBuy,
  marketSell,
} from './testing/pre-trade.js';

describe('pre-trade checks: trading state', () => {
  it('denies entries when HALTED and when REDUCING', () => {
    deepStrictEqual(codesOf(marketBuy('10000'), context({ tradingState: 'HALTED' })), [
      'trading-halted',
    ]);
    deepStrictEqual(codesOf(marketBuy('10000'), context({ tradingState: 'REDUCING' })), [
      'trading-reducing',
    ]);
  });
  it('lets exits through in every state', () => {
    for (const tradingState of ['ACTIVE', 'REDUCING', 'HALTED'] as const)
      deepStrictEqual(codesOf(marketSell('0.001'), context({ tradingState })), [], tradingState);
  });
});

describe('pre-trade checks: order total', () => {
  it('passes exactly 5,000 KRW and denies 4,999.99', () => {
    deepStrictEqual(codesOf(marketBuy('5000')), []);
    deepStrictEqual(codesOf(marketBuy('4999.99')), ['under-min-total']);
    deepStrictEqual(codesOf(limitBuy('100000000', '0.00005')), [], '100,000,000 x 0.00005 = 5,000');
    deepStrictEqual(codesOf(limitBuy('100000000', '0.00004999')), ['under-min-total']);
  });
  it('denies an exit under the minimum when its reference price shows it', () => {
    deepStrictEqual(codesOf(marketSell('0.00004999')), ['under-min-total']);
    deepStrictEqual(codesOf(marketSell('0.00004999', null)), [], 'no reference price: unchecked');
  });
  it('honours a configured minimum', () =>
    deepStrictEqual(codesOf(marketBuy('5000'), context({ minTotalKrw: krw('5001') })), [
      'under-min-total',
    ]));
  it('passes exactly the 1,000,000,000 KRW maximum and denies one won more', () => {
    const rich = context({ availableKrw: krw('2000000000'), maxExposurePerMarketKrw: null });
    deepStrictEqual(codesOf(marketBuy('1000000000'), rich), []);
    deepStrictEqual(codesOf(marketBuy('1000000001'), rich), ['over-max-total']);
  });
});

describe('pre-trade checks: tick grid and decimals', () => {
  it('denies a limit price off the band grid and passes one on it', () => {
    deepStrictEqual(codesOf(limitBuy('100050', '0.1')), ['off-tick-grid']);
    deepStrictEqual(codesOf(limitBuy('100100', '0.1')), []);
    deepStrictEqual(codesOf(limitSell('100050', '0.1')), ['off-tick-grid'], 'exits too');
  });
  it('uses the tick size override from /v1/orderbook/instruments', () => {
    deepStrictEqual(codesOf(limitBuy('100050', '0.1'), context({ tickSize: dec('50') })), []);
    const r = checkOrder(limitBuy('100100', '0.1'), context({ tickSize: dec('1000') }));
    ok(E.isLeft(r) && r.left[0].code === 'off-tick-grid' && r.left[0].tickSize.eq(1000));
  });
  it('passes 8 volume decimals and denies 9', () => {
    deepStrictEqual(codesOf(marketSell('0.12345678')), []);
    deepStrictEqual(codesOf(marketSell('0.123456789')), ['too-many-decimals']);
    deepStrictEqual(codesOf(limitBuy('100000000', '0.000100001')), ['too-many-decimals']);
  });
});

describe('pre-trade checks: balance', () => {
  it('a buy needs total x (1 + fee): exactly that passes, a hair less is denied', () => {
    deepStrictEqual(codesOf(marketBuy('10000'), context({ availableKrw: krw('10005') })), []);
    const r = checkOrder(marketBuy('10000'), context({ availableKrw: krw('10004.99999999') }));
    ok(E.isLeft(r));
    const [denial] = r.left;
    ok(
      denial.code === 'insufficient-balance' &&
        denial.currency === 'KRW' &&
        denial.required.eq('10005'),
    );
  });
  it('a sell needs the coins: all of them passes, one unit more is denied', () => {
    deepStrictEqual(codesOf(marketSell('10')), []);
    const r = checkOrder(marketSell('10.00000001', null), context());
    ok(E.isLeft(r) && r.left[0].code === 'insufficient-balance' && r.left[0].currency === 'BTC');
  });
  it('approves with the KRW a buy locks', () => {
    const r = checkOrder(limitBuy('100000', '0.1'), context());
    ok(E.isRight(r));
    equal(r.right.totalKrw?.toString(), '10000');
    equal(r.right.reservedKrw?.toString(), '10005');
  });
});

describe('pre-trade checks: caps', () => {
  it('denies an entry at the max open positions, passes one below it, ignores exits', () => {
    deepStrictEqual(codesOf(marketBuy('10000'), context({ openPositions: 5 })), [
      'max-open-positions',
    ]);
    deepStrictEqual(codesOf(marketBuy('10000'), context({ openPositions: 4 })), []);
    deepStrictEqual(
      codesOf(marketBuy('10000'), context({ openPositions: 99, maxOpenPositions: null })),
      [],
    );
    deepStrictEqual(codesOf(marketSell('0.01'), context({ openPositions: 9 })), []);
  });
  it('passes an entry that fills the market cap exactly, denies one won more, ignores exits', () => {
    const ctx = context({ exposureByMarket: { [BTC]: krw('49990000') } });
    deepStrictEqual(codesOf(marketBuy('10000'), ctx), []);
    deepStrictEqual(codesOf(marketBuy('10001'), ctx), ['max-exposure-per-market']);
    deepStrictEqual(codesOf(marketSell('1'), ctx), []);
    deepStrictEqual(codesOf(marketBuy('10001'), { ...ctx, maxExposurePerMarketKrw: null }), []);
  });
});

describe('pre-trade checks: reporting', () => {
  it('reports every denial found, in a fixed order, each with a readable message', () => {
    const ctx = context({ tradingState: 'HALTED', availableKrw: krw('0'), openPositions: 5 });
    const r = checkOrder(limitBuy('100050', '0.000100001'), ctx);
    ok(E.isLeft(r));
    deepStrictEqual(
      r.left.map((d) => d.code),
      [
        'trading-halted',
        'under-min-total',
        'off-tick-grid',
        'too-many-decimals',
        'insufficient-balance',
        'max-open-positions',
      ],
    );
    for (const d of r.left) ok(d.message.length > 10, d.code);
    // 100,050 x 0.000100001 = 10.00510005 KRW, plus the 0.05% fee
    equal(r.left[4]?.message, 'needs 10.010102600025 KRW but only 0 KRW is available');
  });
  it('names amounts with thousands separators', () => {
    const r = checkOrder(marketBuy('4999.99'), context());
    ok(E.isLeft(r));
    equal(r.left[0].message, 'order total 4,999.99 KRW is under the minimum of 5,000 KRW');
  });
  it('checks the coins of the order market', () => {
    const r = checkOrder(
      { ...marketSell('2', null), market: 'KRW-XRP' as typeof BTC },
      context({ availableBase: volume('1') }),
    );
    ok(E.isLeft(r) && r.left[0].message.includes('XRP'));
  });
});
