import { deepStrictEqual, equal } from 'node:assert/strict';
import type { OrderEvent } from '@hoga/contracts';
import { dec } from '@hoga/model';
import { machineSpec } from '@hoga/testkit';
import { MAX_EXPIRED_ENTRIES } from '../live-state/expired-entries.js';
import { restore } from './live-position.js';
import {
  dataOf,
  inputs,
  orderEvents as oe,
  positionStep,
  spec,
  types,
} from '../testing/position.js';

const position = machineSpec(positionStep, () => restore());
const o = (e: OrderEvent) => inputs.order(e);

/** The executor refused the entry as too old to send (ADR 0030). */
function expired(orderId: string): OrderEvent {
  const denied = oe.denied(orderId);
  if (denied.type !== 'OrderDenied') throw new Error('unreachable');
  return {
    ...denied,
    id: `exp-${orderId}`,
    data: { ...denied.data, reason: 'order-expired', detail: 'decided 95 s ago (max 10 s)' },
  };
}

describe('decide: an entry refused as too old to send (ADR 0030)', () => {
  const immediate = inputs.start();
  const waiting = inputs.start(spec({ entry: { indicator: 'price', op: '<', value: dec(1) } }));
  const signal = () => inputs.tick('100000000', undefined, { entry: true });

  it('immediate entry: the entry fails as expired and a new attempt (new order id) is decided now', () => {
    position
      .given([immediate])
      .when(o(expired('pos-1-e1')))
      .then((state, events) => {
        deepStrictEqual(types(events), ['OrderFailed', 'EntryOrderRequested']);
        deepStrictEqual(
          [dataOf(events, 'OrderFailed')?.cause, dataOf(events, 'OrderFailed')?.code],
          ['expired', 'order-expired'],
        );
        equal(dataOf(events, 'EntryOrderRequested')?.orderId, 'pos-1-e2');
        equal(state.snapshot.status, 'pending');
        equal(state.snapshot.context.failure, null);
      });
  });

  it('conditional entry: back to waiting, no order until the entry signal comes again', () => {
    position
      .given([waiting, signal()])
      .when(o(expired('pos-1-e1')))
      .then((state, events) => {
        deepStrictEqual(types(events), ['OrderFailed']);
        deepStrictEqual(
          [state.snapshot.status, state.snapshot.context.liveOrderId],
          ['pending', null],
        );
      });
    position
      .given([waiting, signal(), o(expired('pos-1-e1'))])
      .when(signal())
      .then((_, events) => {
        deepStrictEqual(types(events), ['EntryOrderRequested']);
        equal(dataOf(events, 'EntryOrderRequested')?.orderId, 'pos-1-e2', 'never the old id');
      });
  });

  it(`fails visibly after ${MAX_EXPIRED_ENTRIES} expired entries in a row`, () => {
    const history = [immediate, o(expired('pos-1-e1')), o(expired('pos-1-e2'))];
    position
      .given(history)
      .when(o(expired('pos-1-e3')))
      .then((state, events) => {
        deepStrictEqual(types(events), ['OrderFailed', 'PositionFailed']);
        const failed = dataOf(events, 'PositionFailed')!;
        deepStrictEqual([failed.cause, failed.code], ['order-denied', 'order-expired']);
        equal(state.snapshot.status, 'error');
      });
  });

  it('a not-placed attempt between expiries breaks the run', () => {
    position
      .given([immediate, o(expired('pos-1-e1')), o(oe.notPlaced('pos-1-e2'))])
      .when(o(expired('pos-1-e3')))
      .then((state, events) => {
        deepStrictEqual(types(events), ['OrderFailed', 'EntryOrderRequested']);
        equal(state.snapshot.status, 'pending');
      });
  });

  it('a pending position asked to close ends cancelled instead of trying again', () => {
    position
      .given([waiting, signal(), inputs.command('close')])
      .when(o(expired('pos-1-e1')))
      .then((state, events) => {
        deepStrictEqual(types(events), ['OrderFailed', 'PositionClosed']);
        equal(dataOf(events, 'PositionClosed')?.reason, 'cancelled');
        equal(state.snapshot.status, 'closed');
      });
  });

  it('an exit denied as expired (the executor never does that) is an error like any denial', () => {
    const entered = [
      immediate,
      o(oe.filled('pos-1-e1', 't1', '0.001999', '100000000')),
      o(oe.completed('pos-1-e1', 'cancel', '0.001999')),
      inputs.command('close'),
    ];
    position
      .given(entered)
      .when(o(expired('pos-1-x1')))
      .then((state, events) => {
        deepStrictEqual(types(events), ['OrderFailed', 'PositionFailed']);
        equal(dataOf(events, 'OrderFailed')?.cause, 'denied');
        equal(state.snapshot.status, 'error');
      });
  });
});
