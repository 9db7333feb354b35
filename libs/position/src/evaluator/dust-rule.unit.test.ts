import { deepStrictEqual, equal } from 'node:assert/strict';
import type { OrderEvent } from '@hoga/contracts';
import { machineSpec } from '@hoga/testkit';
import { leftoverIsDust } from '../machine/lifecycle-guards.js';
import type { PositionInput } from './inputs.js';
import { restore } from './live-position.js';
import { commandRefusal } from './decide-on-command.js';
import {
  dataOf,
  inputs,
  orderEvents as oe,
  p,
  positionStep,
  T0,
  types,
} from '../testing/position.js';

/**
 * ADR 0024: coins are dust only when the exchange refuses an order under its minimum, or would
 * refuse it at a CONFIRMED price. A bare tick price never closes a position as dust.
 */
const position = machineSpec(positionStep, () => restore());
const o = (e: OrderEvent) => inputs.order(e);
/** A tick whose price the caller vouches for (the actor's price sanity rule). */
const confirmedTick = (price: number | string): PositionInput => ({
  kind: 'tick',
  id: `confirmed-${price}`,
  price: p(price),
  atMs: T0,
  priceConfirmed: true,
});
const filled = o(oe.filled('pos-1-e1', 't1', '0.001999', '100000000'));
const completed = o(oe.completed('pos-1-e1', 'cancel', '0.001999'));
/** 0.001999 BTC bought at 100,000,000 KRW (199,900 KRW); stop-loss 95,000,000. */
const entered = [inputs.start(), filled, completed];
/** Stopped out by an unconfirmed tick at 1e-8 KRW: the exit order for everything went out. */
const closingOnBadTick = [...entered, inputs.tick('0.00000001')];

describe('dust rule: a price alone never closes a position as dust', () => {
  it('given an active position, when an unconfirmed tick at 1e-8 crosses the stop, then the exit order for everything is sent (no dust close)', () => {
    position
      .given(entered)
      .when(inputs.tick('0.00000001'))
      .then((state, events) => {
        deepStrictEqual(types(events), ['ExitTriggered', 'ExitOrderRequested']);
        const order = dataOf(events, 'ExitOrderRequested')!;
        deepStrictEqual([order.kind, order.volume?.toString()], ['market', '0.001999']);
        equal(state.snapshot.status, 'closing');
      });
  });
  it('given an active position, when a CONFIRMED tick prices the holding under 5,000 KRW, then it closes with the dust valued at that price', () => {
    position
      .given(entered)
      .when(confirmedTick(2_000_000)) // 0.001999 x 2,000,000 = 3,998 KRW
      .then((state, events) => {
        deepStrictEqual(types(events), ['ExitTriggered', 'PositionClosed']);
        const c = dataOf(events, 'PositionClosed')!;
        deepStrictEqual(
          [c.dustVolume.toString(), c.dustPrice?.toString(), c.proceedsKrw.toString()],
          ['0.001999', '2000000', '0'],
        );
        equal(state.snapshot.status, 'closed');
      });
  });
  it('given an active position, when a confirmed tick prices it at 5,000 KRW or more, then the exit is sent', () => {
    position
      .given(entered)
      .when(confirmedTick(2_502_000)) // 0.001999 x 2,502,000 = 5,001.498 KRW
      .then((_, events) => deepStrictEqual(types(events), ['ExitTriggered', 'ExitOrderRequested']));
  });
  it('an unconfirmed tick after a confirmed one does not change the price dust is judged at', () => {
    position
      .given([...entered, confirmedTick(99_000_000)])
      .when(inputs.tick('1000'))
      .then((_, events) => deepStrictEqual(types(events), ['ExitTriggered', 'ExitOrderRequested']));
  });
  it('given the exit was sent, when the exchange refuses it with under_min_total_ask, then the position closes with the coins recorded as dust', () => {
    position
      .given(closingOnBadTick)
      .when(o(oe.rejected('pos-1-x1', 'under_min_total_ask')))
      .then((state, events) => {
        deepStrictEqual(types(events), ['OrderFailed', 'PositionClosed']);
        const c = dataOf(events, 'PositionClosed')!;
        deepStrictEqual(
          [c.reason, c.dustVolume.toString(), c.dustPrice?.toString(), c.proceedsKrw.toString()],
          // valued at the last price the exchange executed for it (the entry), not the bad tick
          ['stop-loss', '0.001999', '100000000', '0'],
        );
        equal(state.snapshot.status, 'closed');
      });
  });
  it('given the exit was sent, when the pre-trade check denies it under-min-total, then it closes as dust too', () => {
    position
      .given(closingOnBadTick)
      .when(o(oe.denied('pos-1-x1', 'under-min-total')))
      .then((state, events) => {
        deepStrictEqual(types(events), ['OrderFailed', 'PositionClosed']);
        equal(state.snapshot.status, 'closed');
      });
  });
  it('given the exit was sent, when the exchange refuses it for another reason, then the position stays visible as holding (error)', () => {
    position
      .given(closingOnBadTick)
      .when(o(oe.rejected('pos-1-x1', 'insufficient_funds_ask')))
      .then((state, events) => {
        deepStrictEqual(types(events), ['OrderFailed', 'PositionFailed']);
        deepStrictEqual(
          [state.snapshot.status, state.snapshot.context.bought.volume.toString()],
          ['error', '0.001999'],
        );
      });
  });
  it('given a pending position saw an unconfirmed 1e-8 tick, when its entry fills, then it becomes active (not closed as cancelled dust)', () => {
    position
      .given([inputs.start(), inputs.tick('0.00000001'), filled])
      .when(completed)
      .then((state, events) => {
        deepStrictEqual(types(events), ['OrderFinished', 'PositionActivated']);
        equal(state.snapshot.status, 'active');
      });
  });
  it('given a position in error, an unconfirmed low tick does not let the operator dismiss its coins', () => {
    position
      .given([...closingOnBadTick, o(oe.rejected('pos-1-x1')), inputs.tick('0.00000001')])
      .when(inputs.command('dismiss'))
      .then((state, events) => {
        deepStrictEqual(types(events), []);
        equal(state.snapshot.status, 'error');
        const dismiss = inputs.command('dismiss');
        equal(
          dismiss.kind === 'command' ? commandRefusal(state, dismiss) : null,
          'it still holds 0.001999 (sellable): retry the close, or sell and reconcile first',
        );
      });
  });
  it('the machine accepts a dust close only at a dust price or after a refusal under the minimum', () => {
    const run = (list: readonly PositionInput[]) => {
      let live = restore();
      for (const input of list) live = positionStep(live, input).state;
      return live.snapshot.context;
    };
    const closing = run(closingOnBadTick);
    equal(leftoverIsDust(closing, p('0.00000001')), true); // at that price it IS dust ...
    equal(leftoverIsDust(closing, p(100_000_000)), false);
    equal(leftoverIsDust(closing, null), false);
    // ... so the evaluator must never pick that price: only a confirmed one (tests above).
    const refused = run([
      ...closingOnBadTick,
      o(oe.rejected('pos-1-x1', 'insufficient_funds_ask')),
    ]);
    equal(leftoverIsDust(refused, null), false);
  });
});
