import { deepStrictEqual, equal } from 'node:assert/strict';
import type { OrderEvent } from '@hoga/contracts';
import { machineSpec } from '@hoga/testkit';
import { closePending, maybeEnter } from './entry-steps.js';
import { restore } from './live-position.js';
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
 * The entry steps' own guards (issue 15 item 10, docs/mutation-testing.md). `decide` checks the
 * same conditions before it calls `maybeEnter` and `closePending` (only for pending positions,
 * only without an order out), so the steps are also called directly on real states the decider
 * never routes to them: each keeps its contract on its own.
 */
const position = machineSpec(positionStep, () => restore());
const o = (e: OrderEvent) => inputs.order(e);
const limitExits = spec({ orders: { entry: 'market', exit: { limit: { offsetTicks: 1 } } } });
const after = afterInputs;

describe('entry steps: guards that only a separating input shows', () => {
  it('asks to cancel the entry once when a second close or a close after a halt arrives', () => {
    // Given a pending position whose entry cancel was asked (by a close, or by a halt)
    for (const first of [inputs.command('close'), inputs.halt()]) {
      const asked = [inputs.start(), first];
      equal(after(asked).d.context.cancelRequestedFor, 'pos-1-e1', first.kind);
      // When another close arrives, Then it is recorded and no second cancel is asked
      position
        .given(asked)
        .when(inputs.command('close'))
        .then((state, events) => {
          deepStrictEqual(types(events), ['CloseRequested'], first.kind);
          equal(state.snapshot.context.cancelRequestedFor, 'pos-1-e1');
        });
    }
  });

  it('maybeEnter: no entry for a position in error, nor while an entry is out', () => {
    // Given a position in error with nothing bought (its entry rejected): no order is live
    const failed = after([inputs.start(), o(oe.rejected('pos-1-e1'))]);
    equal(failed.d.status, 'error');
    equal(failed.d.context.liveOrderId, null);
    maybeEnter(failed.em, p(100_000_000), true);
    deepStrictEqual(types(failed.em.events), []);
    // Given a pending position whose entry is out
    const out = after([inputs.start()]);
    equal(out.d.context.liveOrderId, 'pos-1-e1');
    maybeEnter(out.em, p(100_000_000), true);
    deepStrictEqual(types(out.em.events), []);
    // And with no order out (the entry proved never placed while paused): none while paused,
    // the next attempt once resumed
    const notPlaced = [inputs.start(), inputs.command('pause'), o(oe.notPlaced('pos-1-e1'))];
    const paused = after(notPlaced);
    equal(paused.d.context.liveOrderId, null);
    maybeEnter(paused.em, p(100_000_000), true);
    deepStrictEqual(types(paused.em.events), [], 'paused');
    const resumed = after([...notPlaced, inputs.command('resume')]);
    maybeEnter(resumed.em, p(100_000_000), true);
    equal(dataOf(resumed.em.events, 'EntryOrderRequested')?.orderId, 'pos-1-e2');
  });

  it('maybeEnter: no entry once a close is recorded, even with no order out and not paused', () => {
    // Given a pending position with no order out, not paused, nothing bought
    const notPlaced = [inputs.start(), inputs.command('pause'), o(oe.notPlaced('pos-1-e1'))];
    const { d, em } = after([...notPlaced, inputs.command('resume')]);
    deepStrictEqual([d.status, d.context.liveOrderId, d.context.paused], ['pending', null, false]);
    // When a close is recorded in the same decision (as `closePending` runs right after it)
    const close = inputs.command('close');
    if (close.kind !== 'command') throw new Error('a command input');
    em.emit('CloseRequested', close.issued);
    equal(em.snapshot.context.closeIntent, 'operator-close');
    // Then the entry step asks for nothing
    maybeEnter(em, p(100_000_000), true);
    deepStrictEqual(types(em.events), ['CloseRequested']);
  });

  it('closePending: a live exit order is not cancelled as an entry', () => {
    // Given a closing position whose limit exit rests on the book
    const { d, em } = after([
      inputs.start(limitExits),
      o(oe.filled('pos-1-e1', 't1', '0.001999', '100000000')),
      o(oe.completed('pos-1-e1', 'cancel', '0.001999')),
      inputs.tick(103_000_000),
    ]);
    equal(d.status, 'closing');
    equal(d.context.liveOrderId, 'pos-1-x1');
    // When the pending-close step is called on it, Then no entry cancel is asked
    closePending(em);
    deepStrictEqual(types(em.events), []);
  });
});
