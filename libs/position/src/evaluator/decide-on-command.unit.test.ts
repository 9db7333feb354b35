import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { dec } from '@hoga/model';
import { machineSpec } from '@hoga/testkit';
import { commandRefusal } from './decide-on-command.js';
import { restore } from './live-position.js';
import {
  dataOf,
  Driver,
  inputs,
  orderEvents as oe,
  positionStep,
  spec,
  types,
} from '../testing/position.js';

const position = machineSpec(positionStep, () => restore());
const start = inputs.start();
const waiting = inputs.start(spec({ entry: { indicator: 'price', op: '<', value: dec(1) } }));
const entered = [
  start,
  inputs.order(oe.filled('pos-1-e1', 't1', '0.001999', '100000000')),
  inputs.order(oe.completed('pos-1-e1', 'cancel', '0.001999')),
];

describe('decide: operator commands', () => {
  it('pauses and resumes pending and active positions; a repeated command id is a no-op', () => {
    const pause = inputs.command('pause', 'c1');
    position
      .given(entered)
      .when(pause)
      .then((state, events) => {
        deepStrictEqual(types(events), ['PositionPaused']);
        ok(state.snapshot.context.paused);
      });
    position
      .given([...entered, pause])
      .when(inputs.command('pause', 'c1'))
      .then((_, events) => deepStrictEqual(events, []));
    position
      .given([...entered, pause])
      .when(inputs.command('resume', 'c1'))
      .then((_, events) => deepStrictEqual(events, []));
    position
      .given([...entered, pause])
      .when(inputs.command('resume', 'c2'))
      .then((state, events) => {
        deepStrictEqual(types(events), ['PositionResumed']);
        ok(!state.snapshot.context.paused);
      });
    position
      .given([waiting])
      .when(inputs.command('pause'))
      .then((_, events) => deepStrictEqual(types(events), ['PositionPaused']));
  });
  describe('close', () => {
    it('closes a pending position with no order out at once, as cancelled', () => {
      position
        .given([waiting])
        .when(inputs.command('close'))
        .then((state, events) => {
          deepStrictEqual(types(events), ['CloseRequested', 'PositionClosed']);
          deepStrictEqual(
            [state.snapshot.status, state.snapshot.context.closed?.reason],
            ['closed', 'cancelled'],
          );
        });
    });
    it('cancels the entry order of a pending position and closes as cancelled once nothing filled', () => {
      const close = inputs.command('close');
      position
        .given([start])
        .when(close)
        .then((state, events) => {
          deepStrictEqual(types(events), ['CloseRequested', 'EntryOrderCancelRequested']);
          equal(state.snapshot.status, 'pending');
        });
      position
        .given([start, close])
        .when(inputs.order(oe.completed('pos-1-e1', 'cancel', '0')))
        .then((state, events) => {
          deepStrictEqual(types(events), ['OrderFinished', 'PositionClosed']);
          equal(state.snapshot.context.closed?.reason, 'cancelled');
        });
      position
        .given([start, close])
        .when(inputs.order(oe.cancelledUnsent('pos-1-e1')))
        .then((state) => equal(state.snapshot.status, 'closed'));
      position
        .given([start, close])
        .when(inputs.order(oe.denied('pos-1-e1')))
        .then((state, events) => {
          deepStrictEqual(
            types(events),
            ['OrderFailed', 'PositionClosed'],
            'a close already asked for ends the position, not an error',
          );
          equal(state.snapshot.status, 'closed');
        });
    });
    it('sells what a pending entry bought before the cancel took effect (active, then closing)', () => {
      const partly = [
        start,
        inputs.command('close'),
        inputs.order(oe.filled('pos-1-e1', 't1', '0.001', '100000000')),
      ];
      position
        .given(partly)
        .when(inputs.order(oe.completed('pos-1-e1', 'cancel', '0.001')))
        .then((state, events) => {
          deepStrictEqual(types(events), [
            'OrderFinished',
            'PositionActivated',
            'ExitTriggered',
            'ExitOrderRequested',
          ]);
          deepStrictEqual(
            [dataOf(events, 'ExitTriggered')?.reason, dataOf(events, 'ExitOrderRequested')?.kind],
            ['operator-close', 'market'],
          );
          equal(state.snapshot.status, 'closing');
        });
    });
    it('exits an active position at market, paused or not, whatever the exit style', () => {
      const limitExits = [
        inputs.start(spec({ orders: { entry: 'market', exit: { limit: { offsetTicks: 2 } } } })),
        ...entered.slice(1),
        inputs.command('pause'),
      ];
      position
        .given(limitExits)
        .when(inputs.command('close'))
        .then((state, events) => {
          deepStrictEqual(types(events), ['CloseRequested', 'ExitTriggered', 'ExitOrderRequested']);
          deepStrictEqual(
            [dataOf(events, 'ExitTriggered')?.detail, dataOf(events, 'ExitOrderRequested')?.kind],
            ['cli:alice', 'market'],
          );
          equal(state.snapshot.status, 'closing');
        });
    });
    it('is refused while closing or closed', () => {
      const closing = [...entered, inputs.tick(94_000_000)];
      position
        .given(closing)
        .when(inputs.command('close'))
        .then((_, events) => deepStrictEqual(events, []));
      const d = new Driver();
      d.runAll(...closing);
      equal(
        commandRefusal(d.live, {
          kind: 'command',
          id: 'm',
          verb: 'close',
          issued: { commandId: 'x', issuedBy: 'a', reason: null },
        }),
        'the position is closing at market already',
      );
    });
    it('cancels a resting limit exit, then sells the rest at market', () => {
      const limitExit = spec({ orders: { entry: 'market', exit: { limit: { offsetTicks: 3 } } } });
      const resting = [inputs.start(limitExit), ...entered.slice(1), inputs.tick(103_000_000)];
      position
        .given(resting)
        .when(inputs.command('close'))
        .then((state, events) => {
          deepStrictEqual(types(events), ['CloseRequested', 'ExitOrderCancelRequested']);
          deepStrictEqual(dataOf(events, 'ExitOrderCancelRequested'), {
            orderId: 'pos-1-x1',
            reason: 'operator-close',
          });
          equal(state.snapshot.context.cancelRequestedFor, 'pos-1-x1');
        });
      const cancelled = [
        ...resting,
        inputs.command('close'),
        inputs.order(oe.filled('pos-1-x1', 'x1', '0.001', '103003000')),
      ];
      position
        .given(cancelled)
        .when(inputs.order(oe.completed('pos-1-x1', 'cancel', '0.001')))
        .then((_, events) => {
          deepStrictEqual(types(events), ['OrderFinished', 'ExitOrderRequested']);
          const next = dataOf(events, 'ExitOrderRequested')!;
          deepStrictEqual(
            [next.orderId, next.kind, next.volume?.toString()],
            ['pos-1-x2', 'market', '0.000999'],
          );
        });
      position
        .given([...resting, inputs.command('close')])
        .when(inputs.command('close'))
        .then((_, events) => deepStrictEqual(events, [], 'one cancel per order'));
    });
  });
});
