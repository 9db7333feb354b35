import { deepStrictEqual, equal, ok } from 'node:assert/strict';
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
const closing = [...entered, inputs.tick(94_000_000)];

describe('decide: order executor events', () => {
  describe('exit', () => {
    it('closes on the fill that sells everything, with PnL from the trades', () => {
      position
        .given(closing)
        .when(o(oe.filled('pos-1-x1', 'x1', '0.001999', '94000000')))
        .then((state, events) => {
          deepStrictEqual(types(events), ['ExitFilled', 'PositionClosed']);
          const c = dataOf(events, 'PositionClosed')!;
          // 187,906 − 93.953 − (199,900 + 99.95)
          deepStrictEqual(
            [c.reason, c.proceedsKrw.toString(), c.feesKrw.toString(), c.realizedPnlKrw.toString()],
            ['stop-loss', '187906', '193.903', '-12187.903'],
          );
          equal(state.snapshot.status, 'closed');
        });
    });
    it('keeps closing on a partial fill, then sells the remainder with a new attempt at market', () => {
      const partial = [...closing, o(oe.filled('pos-1-x1', 'x1', '0.001', '94000000'))];
      position
        .given(closing)
        .when(partial.at(-1)!)
        .then((state, events) => {
          deepStrictEqual(types(events), ['ExitFilled']);
          equal(state.snapshot.status, 'closing');
        });
      position
        .given(partial)
        .when(o(oe.completed('pos-1-x1', 'cancel', '0.001')))
        .then((state, events) => {
          deepStrictEqual(types(events), ['OrderFinished', 'ExitOrderRequested']);
          const next = dataOf(events, 'ExitOrderRequested')!;
          deepStrictEqual(
            [next.orderId, next.identifier, next.attempt, next.kind, next.volume?.toString()],
            ['pos-1-x2', 'pos-1-x2', 2, 'market', '0.000999'],
          );
          equal(state.snapshot.context.liveOrderId, 'pos-1-x2');
        });
    });
    it('closes with the dust recorded when what is left is below the minimum', () => {
      const most = [...closing, o(oe.filled('pos-1-x1', 'x1', '0.00197', '94000000'))];
      position
        .given(most)
        .when(o(oe.completed('pos-1-x1', 'cancel', '0.00197')))
        .then((state, events) => {
          deepStrictEqual(types(events), ['OrderFinished', 'PositionClosed']);
          const c = dataOf(events, 'PositionClosed')!;
          deepStrictEqual(
            [c.dustVolume.toString(), c.dustPrice?.toString()],
            ['0.000029', '94000000'],
          );
          ok(state.snapshot.status === 'closed');
        });
    });
    it('goes to error, still holding the coins, when the exit order is rejected', () => {
      position
        .given(closing)
        .when(o(oe.rejected('pos-1-x1')))
        .then((state, events) => {
          deepStrictEqual(types(events), ['OrderFailed', 'PositionFailed']);
          deepStrictEqual(
            [state.snapshot.status, state.snapshot.context.bought.volume.toString()],
            ['error', '0.001999'],
          );
        });
    });
    it('tries a new exit attempt when the order was never placed', () => {
      position
        .given(closing)
        .when(o(oe.notPlaced('pos-1-x1')))
        .then((_, events) => {
          deepStrictEqual(types(events), ['OrderFailed', 'ExitOrderRequested']);
          equal(dataOf(events, 'ExitOrderRequested')?.orderId, 'pos-1-x2');
        });
    });
  });
});
