import { deepStrictEqual, equal } from 'node:assert/strict';
import type { OrderEvent } from '@hoga/contracts';
import { machineSpec } from '@hoga/testkit';
import { restore } from './live-position.js';
import {
  dataOf,
  inputs,
  k,
  orderEvents as oe,
  positionStep,
  spec,
  types,
} from '../testing/position.js';

/**
 * Order events whose inputs separate the right code from a wrong one (issue 15 item 10): paths
 * where only the second of two guards (a pause, a closed position) stops an order.
 */
const position = machineSpec(positionStep, () => restore());
const o = (e: OrderEvent) => inputs.order(e);

describe('decide on order events: guards a second check must hold', () => {
  it('does not retry an entry while paused, and retries it on a tick once resumed', () => {
    // Given an immediate entry out (pos-1-e1) and the position paused
    const paused = [inputs.start(), inputs.command('pause')];
    // When the entry proves never placed, Then no new entry goes out while paused
    position
      .given(paused)
      .when(o(oe.notPlaced('pos-1-e1')))
      .then((state, events) => {
        deepStrictEqual(types(events), ['OrderFailed']);
        equal(state.snapshot.status, 'pending');
        equal(state.snapshot.context.liveOrderId, null);
      });
    // And once resumed, the next tick sends the next attempt
    position
      .given([...paused, o(oe.notPlaced('pos-1-e1')), inputs.command('resume')])
      .when(inputs.tick(100_000_000))
      .then((_, events) => {
        deepStrictEqual(types(events), ['EntryOrderRequested']);
        equal(dataOf(events, 'EntryOrderRequested')?.orderId, 'pos-1-e2');
      });
  });

  it('asks for nothing more when the exit order finishes after the fill that closed the position', () => {
    const closed = [
      inputs.start(),
      o(oe.filled('pos-1-e1', 't1', '0.001999', '100000000')),
      o(oe.completed('pos-1-e1', 'cancel', '0.001999')),
      inputs.tick(94_000_000),
      o(oe.filled('pos-1-x1', 'x1', '0.001999', '94000000')),
    ];
    position
      .given(closed)
      .when(o(oe.completed('pos-1-x1', 'done', '0.001999')))
      .then((state, events) => {
        equal(state.snapshot.status, 'closed');
        deepStrictEqual(
          types(events).filter((t) => t !== 'OrderFinished'),
          [],
        );
      });
  });
});

describe('decide on the entry: what a refusal and a pending close record', () => {
  it('fails an entry the budget cannot size over the minimum as denied, naming the rule', () => {
    const poor = spec({ budgetKrw: k(5000) });
    position
      .given([])
      .when(inputs.start(poor))
      .then((state, events) => {
        const failed = dataOf(events, 'PositionFailed');
        deepStrictEqual(
          [failed?.cause, failed?.code, failed?.orderId],
          ['order-denied', 'under-min-total', null],
        );
        equal(state.snapshot.status, 'error');
      });
  });

  it('exits at once when the entry fills after a close was asked, saying so', () => {
    const closeAsked = [inputs.start(), inputs.command('close')];
    position
      .given([...closeAsked, o(oe.filled('pos-1-e1', 't1', '0.001999', '100000000'))])
      .when(o(oe.completed('pos-1-e1', 'cancel', '0.001999')))
      .then((_, events) => {
        const triggered = dataOf(events, 'ExitTriggered');
        deepStrictEqual(
          [triggered?.reason, triggered?.detail],
          ['operator-close', 'requested while the entry was pending'],
        );
      });
  });

  it('asks to cancel a live entry once, however many closes arrive', () => {
    const closeAsked = [inputs.start(), inputs.command('close')];
    position
      .given(closeAsked)
      .when(inputs.halt())
      .then((_, events) =>
        deepStrictEqual(types(events).includes('EntryOrderCancelRequested'), false),
      );
  });

  it('does not ask to cancel an entry that already ended, while its fills are on the way', () => {
    const ended = [inputs.start(), o(oe.completed('pos-1-e1', 'cancel', '0.001999'))];
    for (const close of [inputs.command('close'), inputs.halt()])
      position
        .given(ended)
        .when(close)
        .then((_, events) =>
          equal(types(events).includes('EntryOrderCancelRequested'), false, close.kind),
        );
  });
});
