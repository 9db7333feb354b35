import { deepEqual, equal, ok } from 'node:assert/strict';
import { dec, type Decimal } from '@hoga/model';
import type { BookLevel } from '../market/synthetic-book.js';
import { consumeLevels, planResting, planTaker, wouldTake } from './matching-engine.js';

const levels = (...pairs: Array<[string, string]>): BookLevel[] =>
  pairs.map(([p, s]) => ({ price: dec(p), size: dec(s) }));
const show = (r: { executions: Array<{ price: Decimal; volume: Decimal }> }) =>
  r.executions.map((e) => [e.price.toString(), e.volume.toString()]);

describe('matching engine', () => {
  const asks = () => levels(['101', '1'], ['102', '2'], ['103', '5']);
  const bids = () => levels(['99', '1'], ['98', '2']);

  it('walks the asks for a volume, best price first (slippage)', () => {
    const r = planTaker({ side: 'bid', volume: dec('2.5') }, asks());
    deepEqual(show(r), [
      ['101', '1'],
      ['102', '1.5'],
    ]);
    ok(r.complete);
  });

  it('stops at the limit price and reports the rest as incomplete', () => {
    const r = planTaker({ side: 'bid', limit: dec('102'), volume: dec('5') }, asks());
    deepEqual(show(r), [
      ['101', '1'],
      ['102', '2'],
    ]);
    ok(!r.complete);
    deepEqual(show(planTaker({ side: 'ask', limit: dec('99'), volume: dec('3') }, bids())), [
      ['99', '1'],
    ]);
  });

  it('spends a KRW budget in whole 8-decimal units and leaves the dust', () => {
    const r = planTaker({ side: 'bid', funds: dec('100') }, levels(['3', '1000']));
    deepEqual(show(r), [['3', '33.33333333']]);
    ok(r.complete, 'what is left (0.00000001 KRW) cannot buy one more unit');
  });

  it('a budget larger than the book is incomplete', () => {
    const r = planTaker({ side: 'bid', funds: dec('10000') }, asks());
    deepEqual(show(r), [
      ['101', '1'],
      ['102', '2'],
      ['103', '5'],
    ]);
    ok(!r.complete);
  });

  it('best orders trade only at the first level that has volume', () => {
    const book = asks();
    book[0]!.size = dec(0);
    deepEqual(show(planTaker({ side: 'bid', funds: dec('1000'), bestOnly: true }, book)), [
      ['102', '2'],
    ]);
  });

  it('does not touch the book until consumed', () => {
    const book = asks();
    const r = planTaker({ side: 'bid', volume: dec('1.5') }, book);
    equal(book[0]!.size.toString(), '1');
    consumeLevels(book, r.executions);
    deepEqual(
      book.map((l) => l.size.toString()),
      ['0', '1.5', '5'],
    );
  });

  it('knows when a limit would take', () => {
    ok(wouldTake('bid', dec('101'), dec('101'), dec('99')));
    ok(!wouldTake('bid', dec('100'), dec('101'), dec('99')));
    ok(wouldTake('ask', dec('99'), dec('101'), dec('99')));
    ok(!wouldTake('ask', dec('100'), dec('101'), dec('99')));
  });

  it('fills resting orders the trade reaches, at their limit, sharing capacity per price in time order', () => {
    const orders = [
      { id: 'b1', side: 'bid' as const, price: dec('100'), remaining: dec('3') },
      { id: 'b2', side: 'bid' as const, price: dec('100'), remaining: dec('3') },
      { id: 'b3', side: 'bid' as const, price: dec('98'), remaining: dec('1') },
      { id: 'a1', side: 'ask' as const, price: dec('99'), remaining: dec('1') },
      { id: 'a2', side: 'ask' as const, price: dec('101'), remaining: dec('1') },
    ];
    const plan = planResting(orders, dec('99'), () => dec('4'));
    deepEqual(
      plan.map((p) => [p.order.id, p.execution.price.toString(), p.execution.volume.toString()]),
      [
        ['b1', '100', '3'],
        ['b2', '100', '1'],
        ['a1', '99', '1'],
      ],
    );
  });
});
