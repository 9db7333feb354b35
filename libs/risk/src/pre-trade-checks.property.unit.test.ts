import { deepStrictEqual, ok } from 'node:assert/strict';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { dec, krw, price, volume, type Market } from '@hoga/model';
import type { OrderToCheck } from './order-shape.js';
import { checkOrder, type PreTradeContext } from './pre-trade-checks.js';
import { context } from './testing/pre-trade.js';

const amount = (maxUnits: number, decimals: number) =>
  fc.integer({ min: 0, max: maxUnits }).map((n) => dec(n).div(10 ** decimals));
const tradingState = fc.constantFrom('ACTIVE', 'REDUCING', 'HALTED' as const);

const exit: fc.Arbitrary<OrderToCheck> = fc
  .record({
    side: fc.constant('ask' as const),
    kind: fc.constantFrom('market' as const, 'limit' as const),
    market: fc.constantFrom('KRW-BTC', 'KRW-ETH', 'KRW-XRP').map((m) => m as Market),
    leg: fc.constant('exit' as const),
    volume: amount(10 ** 12, 9).map(volume),
    referencePrice: fc.option(amount(10 ** 10, 2).map(price)),
  })
  .chain((o) =>
    o.kind === 'limit'
      ? amount(10 ** 10, 3).map((p) => ({ ...o, price: price(p), referencePrice: null }))
      : fc.constant(o),
  );

const ctx: fc.Arbitrary<PreTradeContext> = fc
  .record({
    tradingState,
    availableKrw: amount(10 ** 12, 2).map(krw),
    availableBase: amount(10 ** 12, 8).map(volume),
    openPositions: fc.nat(20),
    maxOpenPositions: fc.option(fc.nat(20)),
    maxExposurePerMarketKrw: fc.option(amount(10 ** 10, 0).map(krw)),
  })
  .map((over) => context(over));

const codes = (order: OrderToCheck, c: PreTradeContext) => {
  const r = checkOrder(order, c);
  return E.isLeft(r) ? r.left.map((d) => d.code) : [];
};

describe('pre-trade checks: properties (fast-check)', () => {
  it('never denies an exit for the trading state or the caps', () =>
    fc.assert(
      fc.property(exit, ctx, (order, c) => {
        const found = codes(order, c);
        for (const code of [
          'trading-halted',
          'trading-reducing',
          'max-open-positions',
          'max-exposure-per-market',
        ] as const)
          ok(!found.includes(code), `${code} for an exit`);
      }),
    ));

  it('decides an exit the same way in every trading state', () =>
    fc.assert(
      fc.property(exit, ctx, (order, c) => {
        const [a, r, h] = (['ACTIVE', 'REDUCING', 'HALTED'] as const).map((s) =>
          codes(order, { ...c, tradingState: s }),
        );
        deepStrictEqual(r, a);
        deepStrictEqual(h, a);
      }),
    ));

  it('denies every entry outside ACTIVE, and never for the state when ACTIVE', () =>
    fc.assert(
      fc.property(amount(10 ** 12, 2), ctx, (total, c) => {
        const order: OrderToCheck = {
          side: 'bid',
          kind: 'market',
          market: 'KRW-BTC' as Market,
          leg: 'entry',
          totalKrw: krw(total.plus(1)),
        };
        const found = codes(order, c);
        const expected = { ACTIVE: null, REDUCING: 'trading-reducing', HALTED: 'trading-halted' }[
          c.tradingState
        ];
        ok(
          expected === null ? !found.some((x) => x.startsWith('trading-')) : found[0] === expected,
        );
      }),
    ));
});
