import { deepStrictEqual, equal } from 'node:assert/strict';
import { machineSpec } from '@hoga/testkit';
import { commandRefusal } from './decide-on-command.js';
import { restore } from './live-position.js';
import {
  dataOf,
  Driver,
  inputs,
  orderEvents as oe,
  positionStep,
  types,
} from '../testing/position.js';

const position = machineSpec(positionStep, () => restore());
const start = inputs.start();
const entered = [
  start,
  inputs.order(oe.filled('pos-1-e1', 't1', '0.001999', '100000000')),
  inputs.order(oe.completed('pos-1-e1', 'cancel', '0.001999')),
];
const failed = [...entered, inputs.tick(94_000_000), inputs.order(oe.rejected('pos-1-x1'))];
const entryRejected = [start, inputs.order(oe.rejected('pos-1-e1', 'insufficient_funds_bid'))];

describe('decide: operator commands on a position in error', () => {
  describe('retry-close and dismiss (error)', () => {
    it('retries the close with a new exit order attempt', () => {
      position
        .given(failed)
        .when(inputs.command('retry-close'))
        .then((state, events) => {
          deepStrictEqual(types(events), ['CloseRetried', 'ExitOrderRequested']);
          const order = dataOf(events, 'ExitOrderRequested')!;
          deepStrictEqual(
            [order.orderId, order.identifier, order.attempt, order.kind, order.volume?.toString()],
            ['pos-1-x2', 'pos-1-x2', 2, 'market', '0.001999'],
          );
          deepStrictEqual(
            [
              state.snapshot.status,
              state.snapshot.context.exit?.reason,
              state.snapshot.context.failure,
            ],
            ['closing', 'stop-loss', null],
          );
        });
      position
        .given(entered)
        .when(inputs.command('retry-close'))
        .then((_, events) => deepStrictEqual(events, []));
      position
        .given(entryRejected)
        .when(inputs.command('retry-close'))
        .then((_, events) => deepStrictEqual(events, []));
    });
    it('dismisses only a position that holds nothing sellable, closing it', () => {
      position
        .given(failed)
        .when(inputs.command('dismiss'))
        .then((_, events) => deepStrictEqual(events, []));
      position
        .given(entryRejected)
        .when(inputs.command('dismiss'))
        .then((state, events) => {
          deepStrictEqual(types(events), ['ErrorDismissed', 'PositionClosed']);
          deepStrictEqual(
            [state.snapshot.status, state.snapshot.context.closed?.reason],
            ['closed', 'cancelled'],
          );
        });
    });
    it('treats close in error as retry when coins are held, as dismiss when not', () => {
      position
        .given(failed)
        .when(inputs.command('close'))
        .then((_, events) =>
          deepStrictEqual(types(events), ['CloseRetried', 'ExitOrderRequested']),
        );
      position
        .given(entryRejected)
        .when(inputs.command('close'))
        .then((_, events) => deepStrictEqual(types(events), ['ErrorDismissed', 'PositionClosed']));
    });
    it('explains refusals', () => {
      const d = new Driver();
      d.runAll(...failed);
      const cmd = (verb: 'dismiss' | 'pause' | 'resume') =>
        ({
          kind: 'command',
          id: 'm',
          verb,
          issued: { commandId: verb, issuedBy: 'a', reason: null },
        }) as const;
      equal(
        commandRefusal(d.live, cmd('dismiss')),
        'it still holds 0.001999 (sellable): retry the close, or sell and reconcile first',
      );
      equal(
        commandRefusal(d.live, cmd('pause')),
        'only a pending or active position can pause (it is error)',
      );
    });
  });
});
