import { deepStrictEqual, equal, ok, throws } from 'node:assert/strict';
import fc from 'fast-check';
import { dec, krw, price, volume, type Market, type PositionId } from '@hoga/model';
import { DEFAULT_ORDERS_PER_SECOND, notBeforeMs, orderSpacingMs } from './liquidation-pacing.js';
import { planLiquidation, type Holding } from './liquidation-plan.js';

const holding = (id: string, vol: string, last: string, market = 'KRW-BTC'): Holding => ({
  positionId: id as PositionId,
  market: market as Market,
  volume: volume(vol),
  lastPrice: price(last),
});

describe('liquidation plan', () => {
  it('sells the largest exposure first, ties by position id', () => {
    const plan = planLiquidation([
      holding('b', '1', '10000'),
      holding('big', '0.1', '150000000'),
      holding('a', '2', '5000', 'KRW-XRP'),
      holding('mid', '10', '3000'),
    ]);
    deepStrictEqual(
      plan.steps.map((s) => [s.positionId, s.exposureKrw.toString(), s.notBeforeMs]),
      [
        ['big', '15000000', 0],
        ['mid', '30000', 84],
        ['a', '10000', 168],
        ['b', '10000', 252],
      ],
    );
  });

  it('reports holdings under 5,000 KRW as dust; exactly 5,000 is sold', () => {
    const plan = planLiquidation([
      holding('at-min', '0.5', '10000'),
      holding('under', '0.499999', '10000'),
    ]);
    deepStrictEqual(
      plan.steps.map((s) => s.positionId),
      ['at-min'],
    );
    deepStrictEqual(
      plan.dust.map((d) => [d.positionId, d.exposureKrw.toString()]),
      [['under', '4999.99']],
    );
  });

  it('leaves out holdings with no coins and truncates volumes to 8 decimals', () => {
    const plan = planLiquidation([
      holding('empty', '0', '10000'),
      holding('long', '1.123456789', '10000'),
    ]);
    deepStrictEqual(
      plan.steps.map((s) => [s.positionId, s.volume.toString()]),
      [['long', '1.12345678']],
    );
    equal(plan.dust.length, 0);
  });

  it('paces 12 orders/s at 84 ms by default, and follows a configured rate', () => {
    equal(DEFAULT_ORDERS_PER_SECOND, 12);
    equal(orderSpacingMs(12), 84);
    equal(orderSpacingMs(10), 101);
    equal(orderSpacingMs(1), 1001);
    const holdings = [holding('x', '1', '10000'), holding('y', '1', '10000')];
    deepStrictEqual(
      planLiquidation(holdings, { ordersPerSecond: 8 }).steps.map((s) => s.notBeforeMs),
      [0, 126],
    );
  });

  it('honours a configured minimum total', () =>
    equal(
      planLiquidation([holding('x', '1', '10000')], { minTotalKrw: krw('10001') }).dust.length,
      1,
    ));

  it('refuses a rate that is not a positive integer, even with nothing to sell', () => {
    for (const rate of [0, -1, 1.5, Number.NaN])
      throws(() => planLiquidation([], { ordersPerSecond: rate }), RangeError);
    throws(() => orderSpacingMs(0), {
      name: 'RangeError',
      message: 'orders per second must be a positive integer, got 0',
    });
  });

  it('keeps the given order of holdings that tie on exposure and position id', () => {
    // Two reports of one position (say, two markets): the plan is deterministic and stable.
    const plan = planLiquidation([
      holding('same', '1', '10000', 'KRW-XRP'),
      holding('same', '1', '10000', 'KRW-ETH'),
      holding('same', '1', '10000', 'KRW-BTC'),
    ]);
    deepStrictEqual(
      plan.steps.map((s) => s.market),
      ['KRW-XRP', 'KRW-ETH', 'KRW-BTC'],
    );
  });
});

const holdings = fc.array(
  fc.record({
    id: fc.stringMatching(/^[a-z0-9]{1,6}$/),
    vol: fc.integer({ min: 0, max: 10 ** 10 }),
    last: fc.integer({ min: 1, max: 10 ** 8 }),
  }),
  { maxLength: 80 },
);
const toHoldings = (rows: { id: string; vol: number; last: number }[]) =>
  rows.map((r, i) => holding(`${r.id}-${i}`, dec(r.vol).div(1e8).toString(), String(r.last)));

describe('liquidation plan: properties (fast-check)', () => {
  it('never puts more than `rate` orders in any 1,000 ms window, however aligned', () =>
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.nat(300), (rate, n) => {
        const times = Array.from({ length: n }, (_, i) => notBeforeMs(i, rate));
        // The fullest closed window [t, t + 1000] starts at an order time.
        for (const t of times) ok(times.filter((u) => u >= t && u <= t + 1000).length <= rate);
      }),
    ));

  it('uses the tightest whole-ms gap: one ms less would fit rate + 1 orders in 1,000 ms', () =>
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), (rate) => {
        const gap = orderSpacingMs(rate);
        ok(gap * rate > 1000 && (gap - 1) * rate <= 1000);
        equal(notBeforeMs(rate, rate), gap * rate);
      }),
    ));

  it('orders by exposure, descending, and accounts for every holding once', () =>
    fc.assert(
      fc.property(holdings, fc.integer({ min: 1, max: 30 }), (rows, rate) => {
        const input = toHoldings(rows);
        const plan = planLiquidation(input, { ordersPerSecond: rate });
        plan.steps.forEach((s, i) => {
          const next = plan.steps[i + 1];
          if (next)
            ok(
              s.exposureKrw.gt(next.exposureKrw) ||
                (s.exposureKrw.eq(next.exposureKrw) && s.positionId < next.positionId),
            );
          equal(s.notBeforeMs, i * orderSpacingMs(rate));
          ok(s.exposureKrw.gte(5000));
        });
        for (const d of plan.dust) ok(d.exposureKrw.lt(5000));
        const planned = [...plan.steps, ...plan.dust].map((h) => h.positionId).sort();
        deepStrictEqual(
          planned,
          input
            .filter((h) => h.volume.gt(0))
            .map((h) => h.positionId)
            .sort(),
        );
      }),
    ));
});
