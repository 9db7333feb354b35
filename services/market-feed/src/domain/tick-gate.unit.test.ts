import { strictEqual } from 'node:assert/strict';
import fc from 'fast-check';
import { Decimal, tickRejection } from '@hoga/model';
import { feedTickRejection } from './tick-gate.js';

const same = (price: Decimal, market = 'KRW-BTC', frameMarket = 'KRW-BTC'): void =>
  strictEqual(
    feedTickRejection(frameMarket, market, price),
    tickRejection(frameMarket, { market, price }),
    `${market} / ${frameMarket} at ${price.toString()}`,
  );

describe('feedTickRejection', () => {
  it('answers as the model on the edges of every whole-KRW band', () => {
    for (const n of [
      99,
      100,
      101,
      4999,
      5000,
      5001,
      5005,
      9995,
      10000,
      10005,
      10010,
      49990,
      50000,
      50050,
      50010,
      99950,
      100000,
      100050,
      100100,
      499900,
      500000,
      500100,
      500500,
      999500,
      1_000_000,
      1_000_500,
      1_001_000,
      2 ** 53 - 1,
      2 ** 53,
      2 ** 53 + 1000,
      1e21,
      0,
      -1000,
      -100,
    ])
      same(new Decimal(n));
    for (const text of ['100.5', '99.9', '0.001', '150.0', '1e3', '1000.0000', 'Infinity', 'NaN'])
      same(new Decimal(text));
  });

  it('refuses another market first, as the model does', () => {
    same(new Decimal(1000), 'KRW-ETH');
    same(new Decimal(1001), 'KRW-ETH');
    same(new Decimal('0.5'), 'KRW-ETH');
  });

  it('answers as the model for any price (fuzzed: whole, fractional and huge)', () => {
    const price = fc.oneof(
      fc.integer({ min: -1000, max: 3_000_000 }).map((n) => new Decimal(n)),
      fc.bigInt({ min: 0n, max: 2n ** 60n }).map((n) => new Decimal(n.toString())),
      fc
        .tuple(fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 0, max: 12 }))
        .map(([n, scale]) => new Decimal(n).div(new Decimal(10).pow(scale))),
      fc.integer({ min: 0, max: 2000 }).map((k) => new Decimal(k).mul(1000)),
    );
    fc.assert(
      fc.property(price, fc.boolean(), (p, sameMarket) =>
        same(p, sameMarket ? 'KRW-BTC' : 'KRW-XRP'),
      ),
      { numRuns: 20_000 },
    );
  });
});
