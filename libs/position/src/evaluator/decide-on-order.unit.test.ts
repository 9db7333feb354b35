import { deepStrictEqual, equal } from 'node:assert/strict';
import type { OrderEvent } from '@hoga/contracts';
import { machineSpec } from '@hoga/testkit';
import { restore } from './live-position.js';
import { dataOf, inputs, orderEvents as oe, positionStep, types } from '../testing/position.js';

const position = machineSpec(positionStep, () => restore());
const o = (e: OrderEvent) => inputs.order(e);
const start = inputs.start();
const entered = [
  start,
  o(oe.filled('pos-1-e1', 't1', '0.001999', '100000000')),
  o(oe.completed('pos-1-e1', 'cancel', '0.001999')),
];

describe('decide: order executor events', () => {
  describe('entry', () => {
    it('books partial fills while pending and activates when the market buy ends cancel with its executed volume', () => {
      const partial = [start, o(oe.filled('pos-1-e1', 't1', '0.001', '99990000'))];
      position
        .given([start])
        .when(partial[1]!)
        .then((state, events) => {
          deepStrictEqual(types(events), ['EntryFilled']);
          equal(state.snapshot.status, 'pending');
        });
      position
        .given([...partial, o(oe.filled('pos-1-e1', 't2', '0.000999', '100000000'))])
        .when(o(oe.completed('pos-1-e1', 'cancel', '0.001999')))
        .then((state, events) => {
          deepStrictEqual(types(events), ['OrderFinished', 'PositionActivated']);
          const a = dataOf(events, 'PositionActivated')!;
          deepStrictEqual(
            [
              a.volume.toString(),
              a.avgEntryPrice.toString(),
              a.costKrw.toString(),
              a.feesKrw.toString(),
            ],
            ['0.001999', '99994997.49874937', '199989.945', '99.945'],
          );
          equal(state.snapshot.status, 'active');
        });
    });
    it('activates on the last fill when the final state arrived first (reordered)', () => {
      const early = [
        start,
        o(oe.completed('pos-1-e1', 'cancel', '0.001999')),
        o(oe.filled('pos-1-e1', 't1', '0.001', '100000000')),
      ];
      position
        .given(early)
        .when(o(oe.filled('pos-1-e1', 't2', '0.000999', '100000000')))
        .then((state, events) => {
          deepStrictEqual(types(events), ['EntryFilled', 'PositionActivated']);
          equal(state.snapshot.status, 'active');
        });
    });
    it("ignores a repeated trade, an unknown order, an overfill and another position's order", () => {
      const fill = o(oe.filled('pos-1-e1', 't1', '0.001', '100000000'));
      position
        .given([start, fill])
        .when(o(oe.filled('pos-1-e1', 't1', '0.001', '100000000')))
        .then((_, events) => deepStrictEqual(events, []));
      position
        .given([start])
        .when(o(oe.filled('pos-1-e7', 't9', '0.001', '100000000')))
        .then((_, events) => deepStrictEqual(events, []));
      position
        .given([start])
        .when(o(oe.filled('pos-1-e1', 't9', '0.003', '100000000')))
        .then((_, events) => deepStrictEqual(events, []));
      const other = oe.filled('pos-1-e1', 't9', '0.001', '100000000');
      position
        .given([start])
        .when(o({ ...other, data: { ...other.data, positionId: 'pos-2' } } as OrderEvent))
        .then((_, events) => deepStrictEqual(events, []));
      position
        .given(entered)
        .when(o(oe.completed('pos-1-e1', 'cancel', '0.001999')))
        .then((_, events) => deepStrictEqual(events, []));
    });
    it('fails the position when the exchange reports less executed than was filled', () => {
      position
        .given([start, o(oe.filled('pos-1-e1', 't1', '0.001', '100000000'))])
        .when(o(oe.completed('pos-1-e1', 'done', '0.0005')))
        .then((state, events) => {
          deepStrictEqual(types(events), ['PositionFailed']);
          deepStrictEqual(
            [state.snapshot.status, state.snapshot.context.failure?.cause],
            ['error', 'order-unresolvable'],
          );
        });
    });
    it('keeps booking the trades and final state of that order while in error, without acting', () => {
      const failed = [
        start,
        o(oe.filled('pos-1-e1', 't1', '0.001', '100000000')),
        o(oe.completed('pos-1-e1', 'done', '0.0005')),
      ];
      position
        .given(failed)
        .when(o(oe.filled('pos-1-e1', 't2', '0.0005', '100000000')))
        .then((state, events) => {
          deepStrictEqual(types(events), ['EntryFilled']);
          deepStrictEqual(
            [state.snapshot.status, state.snapshot.context.bought.volume.toString()],
            ['error', '0.0015'],
          );
        });
      position
        .given([...failed, o(oe.filled('pos-1-e1', 't2', '0.0005', '100000000'))])
        .when(o(oe.completed('pos-1-e1', 'cancel', '0.0015')))
        .then((state, events) => {
          deepStrictEqual(types(events), ['OrderFinished'], 'no activation: the operator decides');
          equal(state.snapshot.status, 'error');
        });
    });
    it('goes to error on a rejected or denied entry, and tries again when it was never placed', () => {
      position
        .given([start])
        .when(o(oe.rejected('pos-1-e1', 'insufficient_funds_bid')))
        .then((state, events) => {
          deepStrictEqual(types(events), ['OrderFailed', 'PositionFailed']);
          deepStrictEqual(
            [state.snapshot.status, state.snapshot.context.failure?.code],
            ['error', 'insufficient_funds_bid'],
          );
        });
      position
        .given([start])
        .when(o(oe.denied('pos-1-e1')))
        .then((state) => equal(state.snapshot.context.failure?.cause, 'order-denied'));
      position
        .given([start])
        .when(o(oe.notPlaced('pos-1-e1')))
        .then((state, events) => {
          deepStrictEqual(types(events), ['OrderFailed', 'EntryOrderRequested']);
          deepStrictEqual(
            [dataOf(events, 'EntryOrderRequested')?.orderId, state.snapshot.status],
            ['pos-1-e2', 'pending'],
          );
        });
    });
    it('waits on accepted and unknown outcomes (the executor resolves them)', () => {
      position
        .given([start])
        .when(o(oe.accepted('pos-1-e1')))
        .then((_, events) => deepStrictEqual(events, []));
      position
        .given([start])
        .when(o(oe.unknown('pos-1-e1')))
        .then((state, events) => {
          deepStrictEqual(events, []);
          equal(state.snapshot.context.liveOrderId, 'pos-1-e1');
        });
    });
    it('closes as cancelled, with the dust recorded, when the entry bought less than the minimum', () => {
      position
        .given([start, o(oe.filled('pos-1-e1', 't1', '0.00001', '100000000'))])
        .when(o(oe.completed('pos-1-e1', 'cancel', '0.00001')))
        .then((state, events) => {
          deepStrictEqual(types(events), ['OrderFinished', 'PositionClosed']);
          const closed = dataOf(events, 'PositionClosed')!;
          deepStrictEqual(
            [
              closed.reason,
              closed.dustVolume.toString(),
              closed.dustPrice?.toString(),
              closed.realizedPnlKrw.toString(),
            ],
            ['cancelled', '0.00001', '100000000', '0'],
          );
          equal(state.snapshot.status, 'closed');
        });
    });
  });
});
