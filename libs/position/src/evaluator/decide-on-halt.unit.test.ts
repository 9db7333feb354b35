import { deepStrictEqual, equal } from 'node:assert/strict';
import { dec } from '@hoga/model';
import { machineSpec } from '@hoga/testkit';
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
const limitExits = spec({ orders: { entry: 'market', exit: { limit: { offsetTicks: 1 } } } });
const start = inputs.start(limitExits);
const entered = [
  start,
  inputs.order(oe.filled('pos-1-e1', 't1', '0.001999', '100000000')),
  inputs.order(oe.completed('pos-1-e1', 'cancel', '0.001999')),
];

describe('decide: risk halt', () => {
  it('exits an active position at market with reason risk-halt, even paused', () => {
    position
      .given([...entered, inputs.command('pause')])
      .when(inputs.halt())
      .then((state, events) => {
        deepStrictEqual(types(events), ['ExitTriggered', 'ExitOrderRequested']);
        deepStrictEqual(
          [dataOf(events, 'ExitTriggered')?.reason, dataOf(events, 'ExitOrderRequested')?.kind],
          ['risk-halt', 'market'],
        );
        equal(state.snapshot.status, 'closing');
      });
  });
  it('cancels the entry of a pending position, once', () => {
    const halt = inputs.halt();
    position
      .given([start])
      .when(halt)
      .then((state, events) => {
        deepStrictEqual(types(events), ['RiskHaltReceived', 'EntryOrderCancelRequested']);
        equal(state.snapshot.context.closeIntent, 'risk-halt');
      });
    position
      .given([start, halt])
      .when(inputs.halt())
      .then((_, events) => deepStrictEqual(events, []));
    position
      .given([start, halt])
      .when(inputs.order(oe.completed('pos-1-e1', 'cancel', '0')))
      .then((state) => equal(state.snapshot.context.closed?.reason, 'cancelled'));
  });
  it('closes a pending position with no order at once, and exits what a partial entry bought', () => {
    const waiting = inputs.start(spec({ entry: { indicator: 'price', op: '<', value: dec(1) } }));
    position
      .given([waiting])
      .when(inputs.halt())
      .then((_, events) => deepStrictEqual(types(events), ['RiskHaltReceived', 'PositionClosed']));
    const partly = [
      start,
      inputs.halt(),
      inputs.order(oe.filled('pos-1-e1', 't1', '0.001', '100000000')),
    ];
    position
      .given(partly)
      .when(inputs.order(oe.completed('pos-1-e1', 'cancel', '0.001')))
      .then((_, events) => {
        deepStrictEqual(types(events), [
          'OrderFinished',
          'PositionActivated',
          'ExitTriggered',
          'ExitOrderRequested',
        ]);
        equal(dataOf(events, 'ExitTriggered')?.reason, 'risk-halt');
      });
  });
  it('cancels a resting limit exit of a closing position so the rest sells at market', () => {
    const resting = [...entered, inputs.tick(103_000_000)];
    position
      .given(resting)
      .when(inputs.halt())
      .then((_, events) => {
        deepStrictEqual(types(events), ['ExitOrderCancelRequested']);
        equal(dataOf(events, 'ExitOrderCancelRequested')?.reason, 'risk-halt');
      });
    position
      .given([...resting, inputs.halt()])
      .when(inputs.order(oe.completed('pos-1-x1', 'cancel', '0')))
      .then((_, events) => equal(dataOf(events, 'ExitOrderRequested')?.kind, 'market'));
  });
  it('leaves market exits and error positions alone', () => {
    position
      .given([...entered, inputs.tick(94_000_000)])
      .when(inputs.halt())
      .then((_, events) => deepStrictEqual(events, []));
    position
      .given([start, inputs.order(oe.rejected('pos-1-e1'))])
      .when(inputs.halt())
      .then((_, events) => deepStrictEqual(events, []));
  });
});
