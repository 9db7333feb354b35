import { deepStrictEqual, equal } from 'node:assert/strict';
import type { OrderEvent } from '@hoga/contracts';
import { machineSpec } from '@hoga/testkit';
import { closeRefusedAsDust, holdsSellable, restingLimitExit } from './exit-steps.js';
import { restore } from './live-position.js';
import type { PositionInput } from './inputs.js';
import {
  afterInputs,
  dataOf,
  inputs,
  orderEvents as oe,
  p,
  positionStep,
  spec,
  types,
} from '../testing/position.js';

/**
 * The exit steps' own guards (issue 15 item 10, docs/mutation-testing.md): inputs where only
 * the guard tells the right code from a wrong one. Through `decide` where a position can get
 * there; else by calling the step on a real state the decider never routes to it, so each step
 * keeps its contract on its own.
 */
const position = machineSpec(positionStep, () => restore());
const o = (e: OrderEvent) => inputs.order(e);
const limitExits = spec({ orders: { entry: 'market', exit: { limit: { offsetTicks: 1 } } } });
const limitEntry = spec({ orders: { entry: { limit: { offsetTicks: 1 } }, exit: 'market' } });
const entered = (s = spec()): PositionInput[] => [
  inputs.start(s),
  o(oe.filled('pos-1-e1', 't1', '0.001999', '100000000')),
  o(oe.completed('pos-1-e1', 'cancel', '0.001999')),
];
const after = afterInputs;

describe('exit steps: guards that only a separating input shows', () => {
  it('asks no cancel of a resting limit exit that already ended, while its fills are on the way', () => {
    // Given a take-profit limit exit (x1) that the exchange reports ended with 0.001 executed,
    // none of its fills applied yet (so it is still the live order)
    const ended = [
      ...entered(limitExits),
      inputs.tick(103_000_000),
      o(oe.completed('pos-1-x1', 'cancel', '0.001')),
    ];
    const given = after(ended).d;
    equal(given.status, 'closing');
    equal(given.context.liveOrderId, 'pos-1-x1');
    // When a halt or a close arrives, Then nothing is asked (the order cannot be cancelled)
    for (const hurry of [inputs.halt(), inputs.command('close')])
      position
        .given(ended)
        .when(hurry)
        .then((_, events) => deepStrictEqual(types(events), [], hurry.kind));
    // And once its fill arrives, the rest goes out at market
    position
      .given(ended)
      .when(o(oe.filled('pos-1-x1', 'x1a', '0.001', '103000000')))
      .then((_, events) => {
        deepStrictEqual(types(events), ['ExitFilled', 'ExitOrderRequested']);
        const next = dataOf(events, 'ExitOrderRequested');
        deepStrictEqual(
          [next?.orderId, next?.kind, next?.volume?.toString()],
          ['pos-1-x2', 'market', '0.000999'],
        );
      });
  });

  it('asks for no exit when a late fill of its exit reaches a position in error', () => {
    // Given a closing position whose exit x1 filled 0.001, then was reported as 0.0005 executed:
    // an unresolvable order, so the position is in error with its exit recorded
    const failed = [
      ...entered(),
      inputs.tick(94_000_000),
      o(oe.filled('pos-1-x1', 'x1a', '0.001', '94000000')),
      o(oe.completed('pos-1-x1', 'cancel', '0.0005')),
    ];
    const given = after(failed).d;
    equal(given.status, 'error');
    equal(given.context.exit?.reason, 'stop-loss');
    equal(given.context.liveOrderId, null);
    // When a late fill of x1 arrives, Then it is booked and nothing is asked: the operator decides
    position
      .given(failed)
      .when(o(oe.filled('pos-1-x1', 'x1b', '0.0005', '94000000')))
      .then((state, events) => {
        deepStrictEqual(types(events), ['ExitFilled']);
        equal(state.snapshot.status, 'error');
        equal(state.snapshot.context.sold.volume.toString(), '0.0015');
      });
  });

  it('holdsSellable: any holding is sellable when no price is known; dust only at a price', () => {
    const active = after(entered()).d.context;
    equal(holdsSellable(active, null), true);
    equal(holdsSellable(active, p(100_000_000)), true);
    // 0.001999 at 2,000,000 is 3,998 KRW: under the 5,000 minimum
    equal(holdsSellable(active, p(2_000_000)), false);
    const pending = after([inputs.start()]).d.context;
    equal(holdsSellable(pending, null), false);
  });

  it('restingLimitExit: a resting limit entry is not an exit to cancel', () => {
    // Given a pending position whose limit entry rests on the book
    const { d } = after([inputs.start(limitEntry)]);
    equal(d.context.orders[0]?.request.kind, 'limit');
    equal(d.context.liveOrderId, 'pos-1-e1');
    // Then there is no resting limit exit; a closing position's resting limit exit is one
    equal(restingLimitExit(d.context), undefined);
    const closing = after([...entered(limitExits), inputs.tick(103_000_000)]).d;
    equal(restingLimitExit(closing.context)?.request.orderId, 'pos-1-x1');
  });

  it('closeRefusedAsDust: a position that is not closing is left alone', () => {
    // Given a position in error after its exit was rejected (its exit reason recorded)
    const { d, em } = after([...entered(), inputs.tick(94_000_000), o(oe.rejected('pos-1-x1'))]);
    equal(d.status, 'error');
    equal(d.context.exit?.reason, 'stop-loss');
    // When the refusal step is called on it, Then it closes nothing
    closeRefusedAsDust(em);
    deepStrictEqual(types(em.events), []);
  });
});
