import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import { krw, price, volume } from '@hoga/model';
import type { OrderToCheck } from './order-shape.js';
import { shapeOrder } from './order-shape.js';
import { checkOrder } from './pre-trade-checks.js';
import { context, limitBuy, marketBuy, marketSell } from './testing/pre-trade.js';

const problemOf = (order: OrderToCheck): string | null => {
  const r = shapeOrder(order);
  return E.isLeft(r) && r.left.code === 'invalid-order-shape' ? r.left.problem : null;
};

describe('order shape (Upbit ord_type rules)', () => {
  const cases: ReadonlyArray<[string, OrderToCheck, string]> = [
    [
      'market buy without totalKrw',
      { ...marketBuy('10000'), totalKrw: null },
      'a market buy needs totalKrw',
    ],
    [
      'market buy with a volume',
      { ...marketBuy('10000'), volume: volume('1') },
      'a market buy takes totalKrw only, no volume or price',
    ],
    [
      'market buy with a price',
      { ...marketBuy('10000'), price: price('1000') },
      'a market buy takes totalKrw only, no volume or price',
    ],
    [
      'market sell without volume',
      { ...marketSell('1'), volume: undefined },
      'a market sell needs a volume',
    ],
    [
      'market sell with a price',
      { ...marketSell('1'), price: price('1000') },
      'a market sell takes a volume only, no price or totalKrw',
    ],
    [
      'market sell with totalKrw',
      { ...marketSell('1'), totalKrw: krw('1000') },
      'a market sell takes a volume only, no price or totalKrw',
    ],
    [
      'limit without price',
      { ...limitBuy('1000', '10'), price: null },
      'a limit order needs both price and volume',
    ],
    [
      'limit without volume',
      { ...limitBuy('1000', '10'), volume: null },
      'a limit order needs both price and volume',
    ],
    [
      'limit with totalKrw',
      { ...limitBuy('1000', '10'), totalKrw: krw('10000') },
      'a limit order takes price and volume, no totalKrw',
    ],
    ['an entry that sells', { ...marketSell('1'), leg: 'entry' }, 'an entry must be a buy (bid)'],
    ['an exit that buys', { ...marketBuy('10000'), leg: 'exit' }, 'an exit must be a sell (ask)'],
    ['a zero volume', marketSell('0'), 'volume must be a positive finite amount'],
    ['a negative total', marketBuy('-5000'), 'totalKrw must be a positive finite amount'],
    [
      'a zero reference price',
      marketSell('1', '0'),
      'referencePrice must be a positive finite amount',
    ],
  ];
  for (const [name, order, problem] of cases)
    it(`refuses ${name}`, () => equal(problemOf(order), problem));

  it('accepts the three well-formed forms', () => {
    for (const order of [
      marketBuy('10000'),
      marketSell('1'),
      marketSell('1', null),
      limitBuy('1000', '10'),
    ])
      equal(problemOf(order), null);
  });

  it('shapes each form with the KRW total it moves (a market sell estimated at its reference)', () => {
    const shaped = (order: OrderToCheck) => {
      const r = shapeOrder(order);
      ok(E.isRight(r));
      return JSON.parse(JSON.stringify(r.right)) as unknown;
    };
    deepStrictEqual(shaped(marketBuy('10000')), { form: 'market-bid', totalKrw: '10000' });
    deepStrictEqual(shaped(marketSell('0.5', '1000')), {
      form: 'market-ask',
      volume: '0.5',
      totalKrw: '500',
    });
    deepStrictEqual(shaped(marketSell('0.5', null)), {
      form: 'market-ask',
      volume: '0.5',
      totalKrw: null,
    });
    deepStrictEqual(shaped(limitBuy('1000', '10')), {
      form: 'limit',
      price: '1000',
      volume: '10',
      totalKrw: '10000',
    });
  });

  it('reports a malformed order with that denial only, even when HALTED', () => {
    const r = checkOrder(
      { ...marketBuy('1'), volume: volume('1') },
      context({ tradingState: 'HALTED' }),
    );
    ok(E.isLeft(r));
    deepStrictEqual(
      r.left.map((d) => d.code),
      ['invalid-order-shape'],
    );
    equal(r.left[0].message, 'invalid order: a market buy takes totalKrw only, no volume or price');
  });
});
