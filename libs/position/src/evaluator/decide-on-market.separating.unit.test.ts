import { deepStrictEqual, equal, throws } from 'node:assert/strict';
import type { PositionEvent } from '@hoga/contracts';
import { dec } from '@hoga/model';
import { machineSpec } from '@hoga/testkit';
import { restore } from './live-position.js';
import { dataOf, inputs, orderEvents, positionStep, spec, T0, types } from '../testing/position.js';

/**
 * Ticks and candles whose inputs separate the right code from a wrong one (issue 15 item 10):
 * every case here gives a different answer for a mutant that the other tests let through.
 */
const position = machineSpec(positionStep, () => restore());
const entered = (s = spec()) => [
  inputs.start(s),
  inputs.order(orderEvents.filled('pos-1-e1', 't1', '0.001999', '100000000')),
  inputs.order(orderEvents.completed('pos-1-e1', 'cancel', '0.001999')),
];
const when = { indicator: 'rsi', period: 14, interval: '1m', op: '>', value: dec(75) } as const;
const limitExit = { entry: 'market', exit: { limit: { offsetTicks: 0 } } } as const;
const exitPrice = (events: readonly PositionEvent[]) =>
  dataOf(events, 'ExitOrderRequested')?.price?.toString() ?? null;

describe('decide on market: the strategy exit condition', () => {
  const withWhen = () => entered(spec({}, { takeProfitPct: undefined, when }));

  it('does not exit on a tick whose exit condition is false or unknown', () => {
    for (const flag of [false, undefined])
      position
        .given(withWhen())
        .when(inputs.tick(100_100_000, T0, { exit: flag }))
        .then((state, events) => {
          deepStrictEqual(events, [], `exit condition ${String(flag)}`);
          equal(state.snapshot.status, 'active');
        });
  });

  it('does not exit on a candle whose exit condition is false or unknown', () => {
    for (const flag of [false, undefined])
      position
        .given(withWhen())
        .when(inputs.candle(100_100_000, T0, { exit: flag }))
        .then((state, events) => {
          deepStrictEqual(events, [], `exit condition ${String(flag)}`);
          equal(state.snapshot.status, 'active');
        });
  });

  it('ignores a true exit condition on a tick when the spec has no `when`', () => {
    position
      .given(entered())
      .when(inputs.tick(100_100_000, T0, { exit: true }))
      .then((state, events) => {
        deepStrictEqual(events, []);
        equal(state.snapshot.status, 'active');
      });
  });

  it('stays active over many ticks while the condition stays false, then exits when it holds', () => {
    const quiet = [100_100_000, 99_900_000, 100_050_000].map((price) =>
      inputs.tick(price, T0, { exit: false }),
    );
    position
      .given([...withWhen(), ...quiet])
      .when(inputs.tick(100_000_000, T0, { exit: true }))
      .then((_, events) =>
        equal(dataOf(events, 'ExitTriggered')?.reason, 'strategy-exit', 'exits on the first true'),
      );
  });
});

describe('decide on market: the price an exit is priced at', () => {
  it('prices a candle exit at the candle close that triggered it, not at the last tick', () => {
    // Given the last tick at 100,500,000 and a candle closing at 100,000,000 with the condition met
    const s = spec({ orders: limitExit }, { takeProfitPct: undefined, when });
    position
      .given([...entered(s), inputs.tick(100_500_000)])
      .when(inputs.candle(100_000_000, T0, { exit: true }))
      .then((_, events) => {
        // Then the trigger and the limit ask are at the close, where the condition was measured
        equal(dataOf(events, 'ExitTriggered')?.triggerPrice?.toString(), '100000000');
        equal(exitPrice(events), '100000000');
      });
  });

  it('prices a time-limit exit on a candle at the candle close, not at the last tick', () => {
    const s = spec({ orders: limitExit }, { takeProfitPct: undefined, maxHoldMinutes: 30 });
    position
      .given([...entered(s), inputs.tick(99_000_000, T0 + 60_000)])
      .when(inputs.candle(101_234_567, T0 + 30 * 60_000))
      .then((_, events) => {
        equal(dataOf(events, 'ExitTriggered')?.reason, 'time-limit');
        equal(exitPrice(events), '101235000', 'the close rounded up onto the ask grid');
      });
  });

  it('prices a take-profit limit ask from the tick that crossed it, rounded up, never below it', () => {
    const s = spec({ orders: limitExit });
    position
      .given(entered(s))
      .when(inputs.tick(103_000_001))
      .then((_, events) => {
        equal(dataOf(events, 'ExitTriggered')?.triggerPrice?.toString(), '103000001');
        equal(exitPrice(events), '103001000');
      });
  });
});

describe('decide on market: the peak between throttled saves', () => {
  const trailing = () =>
    entered(
      spec({}, { takeProfitPct: undefined, stopLossPct: undefined, trailingStopPct: dec(2) }),
    );

  it('trails from an in-memory peak that was not yet saved', () => {
    // Given a rise to 100,150,000: a new peak, but under the save step (100,200,000): no event
    position
      .given(trailing())
      .when(inputs.tick(100_150_000))
      .then((state, events) => {
        deepStrictEqual(events, [], 'below the throttle step: nothing persisted');
        equal(state.watch.peak?.toString(), '100150000');
        equal(state.watch.trailStop?.toString(), '98147000');
      });
    // When the price falls to 2 % under that unsaved peak, Then the trailing stop fires
    position
      .given([...trailing(), inputs.tick(100_150_000)])
      .when(inputs.tick(98_147_000))
      .then((_, events) => equal(dataOf(events, 'ExitTriggered')?.reason, 'trailing-stop'));
    position
      .given([...trailing(), inputs.tick(100_150_000)])
      .when(inputs.tick(98_147_001))
      .then((_, events) => deepStrictEqual(events, []));
  });

  it('saves the peak raised in memory once it passes the step, at the price that passed it', () => {
    position
      .given([...trailing(), inputs.tick(100_150_000), inputs.tick(100_100_000)])
      .when(inputs.tick(100_250_000))
      .then((state, events) => {
        deepStrictEqual(types(events), ['PeakPriceRaised']);
        equal(dataOf(events, 'PeakPriceRaised')?.price.toString(), '100250000');
        equal(state.snapshot.context.peakPrice?.toString(), '100250000');
      });
  });

  it('does not save again for a tick back at or under the saved peak', () => {
    const saved = [...trailing(), inputs.tick(100_250_000)];
    for (const price of [100_250_000, 100_240_000])
      position
        .given(saved)
        .when(inputs.tick(price))
        .then((state, events) => {
          deepStrictEqual(events, [], String(price));
          equal(state.watch.peak?.toString(), '100250000');
        });
  });

  it('keeps the peak when a tick equals it (a tie is not a rise)', () => {
    position
      .given([...trailing(), inputs.tick(100_150_000)])
      .when(inputs.tick(100_150_000))
      .then((state, events) => {
        deepStrictEqual(events, []);
        equal(state.watch.peak?.toString(), '100150000');
      });
  });
  it('saves the arming peak once, then waits a full step above it', () => {
    // Given a trailing stop armed at +1 % (101,000,000): reaching it is saved at once
    const s = spec(
      {},
      { takeProfitPct: undefined, trailingStopPct: dec(2), trailingActivationPct: dec(1) },
    );
    const armed = [...entered(s), inputs.tick(101_000_000)];
    position
      .given(entered(s))
      .when(inputs.tick(101_000_000))
      .then((_, events) => deepStrictEqual(types(events), ['PeakPriceRaised']));
    // When the price rises by less than the step (0.2 % of 101,000,000 = 202,000): no save
    position
      .given(armed)
      .when(inputs.tick(101_001_000))
      .then((state, events) => {
        deepStrictEqual(events, []);
        equal(state.watch.trailStop?.toString(), '98980980');
      });
    position
      .given(armed)
      .when(inputs.tick(101_202_000))
      .then((_, events) => deepStrictEqual(types(events), ['PeakPriceRaised']));
  });
});

describe('decide on market: trailing activation and candles after the exit', () => {
  it('does not trail before the activation level, even far under the peak', () => {
    const s = spec(
      {},
      { takeProfitPct: undefined, trailingStopPct: dec(2), trailingActivationPct: dec(1) },
    );
    // Peak 100,900,000 (under +1 %): 98,800,000 is 2.08 % under it, but the stop is not armed
    position
      .given([...entered(s), inputs.tick(100_900_000)])
      .when(inputs.tick(98_800_000))
      .then((state, events) => {
        deepStrictEqual(events, []);
        equal(state.watch.trailStop, null);
      });
  });

  it('throws, naming why, when the stored spec no longer decodes (a broken invariant)', () => {
    // An activation level without a trailing stop is refused by the codec
    const s = spec({}, { takeProfitPct: undefined, trailingActivationPct: dec('0.5') });
    throws(() => position.given([inputs.start(s)]), {
      message:
        'stored strategy spec does not decode: invalid strategy: exit.trailingActivationPct: needs trailingStopPct (an activation level without a trailing stop does nothing)',
    });
  });

  it('keeps an unsaved in-memory peak when another event is applied', () => {
    const s = spec(
      {},
      { takeProfitPct: undefined, stopLossPct: undefined, trailingStopPct: dec(2) },
    );
    // Given a peak of 100,150,000 not yet saved, When the operator pauses (an event is applied)
    const paused = [...entered(s), inputs.tick(100_150_000), inputs.command('pause')];
    // Then the trailing stop still follows that peak
    position
      .given(paused)
      .when(inputs.tick(98_147_000))
      .then((_, events) => equal(dataOf(events, 'ExitTriggered')?.reason, 'trailing-stop'));
  });

  it('evaluates no candle once closing', () => {
    const s = spec({}, { when, maxHoldMinutes: 30 });
    const closing = [...entered(s), inputs.tick(94_000_000)];
    position
      .given(closing)
      .when(inputs.candle(100_000_000, T0 + 31 * 60_000, { exit: true }))
      .then((state, events) => {
        deepStrictEqual(events, []);
        equal(state.snapshot.status, 'closing');
      });
  });
});
