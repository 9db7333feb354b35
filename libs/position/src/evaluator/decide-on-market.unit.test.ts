import { deepStrictEqual, equal, ok, strictEqual } from 'node:assert/strict';
import type { PositionEvent } from '@hoga/contracts';
import { dec } from '@hoga/model';
import { machineSpec } from '@hoga/testkit';
import { restore } from './live-position.js';
import { inputs, orderEvents, positionStep, spec, T0, types } from '../testing/position.js';

const position = machineSpec(positionStep, () => restore());
const entered = (s = spec()) => [
  inputs.start(s),
  inputs.order(orderEvents.filled('pos-1-e1', 't1', '0.001999', '100000000')),
  inputs.order(orderEvents.completed('pos-1-e1', 'cancel', '0.001999')),
];
const exitOf = (events: readonly PositionEvent[]) => {
  const trigger = events.find((e) => e.type === 'ExitTriggered');
  const order = events.find((e) => e.type === 'ExitOrderRequested');
  return {
    reason: trigger?.type === 'ExitTriggered' ? trigger.data.reason : null,
    kind: order?.type === 'ExitOrderRequested' ? order.data.kind : null,
    volume: order?.type === 'ExitOrderRequested' ? order.data.volume?.toString() : null,
  };
};
const mins = (m: number) => T0 + m * 60_000;

describe('decide: ticks and candles', () => {
  it('answers a quiet tick with the same empty array and no state change (hot path)', () => {
    const given = position.given(entered());
    given.when(inputs.tick(100_500_000)).then((state, events) => {
      deepStrictEqual(events, []);
      ok(Object.isFrozen(events));
      equal(state.snapshot.version, 5);
    });
    position
      .given(entered())
      .when(inputs.tick(99_000_000))
      .then((_, a) =>
        position
          .given(entered())
          .when(inputs.tick(99_000_001))
          .then((__, b) => strictEqual(a, b)),
      );
  });
  it('exits at the stop-loss at market, selling everything held', () => {
    position
      .given(entered())
      .when(inputs.tick(95_000_000))
      .then((state, events) => {
        deepStrictEqual(types(events), ['ExitTriggered', 'ExitOrderRequested']);
        deepStrictEqual(exitOf(events), {
          reason: 'stop-loss',
          kind: 'market',
          volume: '0.001999',
        });
        equal(state.snapshot.status, 'closing');
      });
  });
  it('exits at the take-profit in the spec exit style', () => {
    position
      .given(entered(spec({ orders: { entry: 'market', exit: { limit: { offsetTicks: 0 } } } })))
      .when(inputs.tick(103_000_000))
      .then((_, events) => {
        deepStrictEqual(exitOf(events), {
          reason: 'take-profit',
          kind: 'limit',
          volume: '0.001999',
        });
      });
  });
  it('prefers the stop-loss when a gap crosses both it and the trailing stop', () => {
    const s = spec({}, { trailingStopPct: dec(2) });
    position
      .given([...entered(s), inputs.tick(101_000_000)])
      .when(inputs.tick(90_000_000))
      .then((_, events) => equal(exitOf(events).reason, 'stop-loss'));
  });
  it('arms the trailing stop at its activation level and fires it from the peak', () => {
    const s = spec(
      {},
      { takeProfitPct: undefined, trailingStopPct: dec(2), trailingActivationPct: dec(1) },
    );
    position
      .given([...entered(s), inputs.tick(100_900_000)])
      .when(inputs.tick(98_900_000))
      .then((_, events) => deepStrictEqual(events, [], 'not armed below +1 %'));
    position
      .given([...entered(s), inputs.tick(100_900_000)])
      .when(inputs.tick(101_000_000))
      .then((state, events) => {
        deepStrictEqual(types(events), ['PeakPriceRaised'], 'arming is persisted at once');
        equal(state.watch.trailStop?.toString(), '98980000');
      });
    const up = [...entered(s), inputs.tick(101_000_000), inputs.tick(102_000_000)];
    position
      .given(up)
      .when(inputs.tick(99_960_001))
      .then((_, events) => deepStrictEqual(events, []));
    position
      .given(up)
      .when(inputs.tick(99_960_000))
      .then((_, events) => equal(exitOf(events).reason, 'trailing-stop'));
  });
  it('exits on time from the input time, maxHoldMinutes after activation', () => {
    const s = spec({}, { maxHoldMinutes: 30 });
    position
      .given(entered(s))
      .when(inputs.tick(100_000_000, mins(29)))
      .then((_, events) => deepStrictEqual(events, []));
    position
      .given(entered(s))
      .when(inputs.tick(100_000_000, mins(30)))
      .then((_, events) => equal(exitOf(events).reason, 'time-limit'));
    position
      .given(entered(s))
      .when(inputs.candle(100_000_000, mins(31)))
      .then((_, events) => equal(exitOf(events).reason, 'time-limit'));
  });
  it('exits on the strategy condition only when the spec has one', () => {
    const when = { indicator: 'rsi', period: 14, interval: '1m', op: '>', value: dec(75) } as const;
    position
      .given(entered(spec({}, { when })))
      .when(inputs.candle(100_000_000, T0, { exit: true }))
      .then((_, events) => equal(exitOf(events).reason, 'strategy-exit'));
    position
      .given(entered())
      .when(inputs.candle(100_000_000, T0, { exit: true }))
      .then((_, events) => deepStrictEqual(events, []));
    position
      .given(entered(spec({}, { when })))
      .when(inputs.tick(100_000_000, T0, { exit: true }))
      .then((_, events) => equal(exitOf(events).reason, 'strategy-exit'));
  });
  it('leaves price levels to ticks: a candle closing below the stop does not exit', () => {
    position
      .given(entered())
      .when(inputs.candle(90_000_000))
      .then((_, events) => deepStrictEqual(events, []));
  });
  it('suspends take-profit while paused and keeps the stop-loss armed', () => {
    const paused = [...entered(), inputs.command('pause')];
    position
      .given(paused)
      .when(inputs.tick(104_000_000))
      .then((_, events) =>
        deepStrictEqual(types(events), ['PeakPriceRaised'], 'no exit, only the new peak'),
      );
    position
      .given(paused)
      .when(inputs.tick(94_000_000))
      .then((_, events) => equal(exitOf(events).reason, 'stop-loss'));
    position
      .given([...paused, inputs.command('resume')])
      .when(inputs.tick(104_000_000))
      .then((_, events) => equal(exitOf(events).reason, 'take-profit'));
  });
  it('blocks entries while paused', () => {
    const start = inputs.start(spec({ entry: { indicator: 'price', op: '<', value: dec(1) } }));
    position
      .given([start, inputs.command('pause')])
      .when(inputs.tick(100_000_000, T0, { entry: true }))
      .then((_, events) => deepStrictEqual(events, []));
  });
  it('evaluates no trigger once closing (OCO)', () => {
    const closing = [...entered(), inputs.tick(94_000_000)];
    position
      .given(closing)
      .when(inputs.tick(120_000_000))
      .then((state, events) => {
        deepStrictEqual(events, []);
        equal(state.watch.last?.toString(), '120000000');
      });
  });
  it('persists the peak only past the throttle step (10 % of the trailing distance)', () => {
    const s = spec({}, { takeProfitPct: undefined, trailingStopPct: dec(2) });
    position
      .given(entered(s))
      .when(inputs.tick(100_199_000))
      .then((_, events) => deepStrictEqual(events, []));
    position
      .given(entered(s))
      .when(inputs.tick(100_200_000))
      .then((_, events) => deepStrictEqual(types(events), ['PeakPriceRaised']));
  });
});
