import { deepEqual, equal, ok, throws } from 'node:assert/strict';
import { dec, decodeOrThrow } from '@hoga/model';
import { ConditionC } from '../strategy/condition.codec.js';
import { createConditionEvaluator } from './condition-evaluator.js';
import { IndicatorSet, type ClosedCandle } from './indicator-set.js';

const condition = (json: unknown) => decodeOrThrow(ConditionC, json);
const MINUTE = 60_000;
const candles = (closes: readonly number[], first = 0): ClosedCandle[] =>
  closes.map((close, i) => ({ start: (first + i) * MINUTE, close: dec(close) }));
const sma2 = { indicator: 'sma', period: 2, interval: '1m' };

describe('condition evaluator', () => {
  it('compares the live price with an exact constant', () => {
    const e = createConditionEvaluator(
      condition({ indicator: 'price', op: '<=', value: '0.00012345' }),
    );
    ok(e.evaluate(dec('0.00012345')));
    ok(!e.evaluate(dec('0.00012346')));
    const strict = createConditionEvaluator(
      condition({ indicator: 'price', op: '<', value: '0.00012345' }),
    );
    ok(!strict.evaluate(dec('0.00012345')));
  });

  it('sees the forming candle: indicators are peeked at the live price', () => {
    const e = createConditionEvaluator(condition({ ...sma2, op: '>', value: 25 }));
    e.warmUp('1m', candles([10, 20]));
    ok(e.evaluate(dec(40)), '(20 + 40) / 2 = 30 > 25');
    ok(!e.evaluate(dec(20)), '(20 + 20) / 2 = 20');
  });

  it('treats a cold indicator as unknown: false, also under `not`', () => {
    const cold = { indicator: 'rsi', period: 14, interval: '1m', op: '>', value: 70 };
    const always = { indicator: 'price', op: '>', value: 0 };
    const at = dec(100);
    ok(!createConditionEvaluator(condition(cold)).evaluate(at));
    ok(!createConditionEvaluator(condition({ not: cold })).evaluate(at));
    ok(!createConditionEvaluator(condition({ all: [cold, always] })).evaluate(at));
    ok(createConditionEvaluator(condition({ any: [cold, always] })).evaluate(at));
  });

  it('fires a cross once per cross of the live price', () => {
    const e = createConditionEvaluator(
      condition({ indicator: 'price', op: 'crossesAbove', value: 100 }),
    );
    const ticks = [90, 95, 101, 105, 100, 99, 102, 103];
    deepEqual(
      ticks.map((p) => e.evaluate(dec(p))),
      [false, false, true, false, false, false, true, false],
    );
  });

  it('keeps evaluating a cross whose sibling is false (no short-circuit)', () => {
    // sma2 over closes 100, 100 peeks (100 + p) / 2, so price − sma = (p − 100) / 2.
    const outside = {
      any: [
        { indicator: 'price', op: '<', value: 100 },
        { indicator: 'price', op: '>', value: 150 },
      ],
    };
    const e = createConditionEvaluator(
      condition({ all: [outside, { indicator: 'price', op: 'crossesAbove', ref: sma2 }] }),
    );
    e.warmUp('1m', candles([100, 100]));
    ok(!e.evaluate(dec(90)), 'below the average');
    ok(!e.evaluate(dec(110)), 'the cross happens here, while the sibling is false');
    ok(!e.evaluate(dec(160)), 'no second cross without going back below');
  });

  it('crosses between two indicators as closed candles move them', () => {
    const fastAboveSlow = condition({ ...sma2, op: 'crossesAbove', ref: { ...sma2, period: 3 } });
    const e = createConditionEvaluator(fastAboveSlow);
    e.warmUp('1m', candles([10, 9, 8]));
    const results: boolean[] = [];
    for (const [i, close] of [7, 9, 12, 13].entries()) {
      results.push(e.evaluate(dec(close)));
      e.onClosedCandle('1m', { start: (3 + i) * MINUTE, close: dec(close) });
    }
    // forming 7: 7.5 vs 8; 9: 8 vs 8 (touch); 12: 10.5 vs 9.33 (cross); 13: 12.5 vs 11.33
    deepEqual(results, [false, false, true, false]);
  });

  it('requires the longest warm-up history per interval', () => {
    const e = createConditionEvaluator(
      condition({
        all: [
          { indicator: 'ema', period: 20, interval: '1m', op: '>', value: 0 },
          { indicator: 'sma', period: 50, interval: '1m', op: '>', value: 0 },
          { indicator: 'rsi', period: 14, interval: '5m', op: '<', value: 30 },
          { indicator: 'price', op: '>', value: 0 },
        ],
      }),
    );
    deepEqual(e.requiredHistory(), [
      { interval: '1m', count: 67 },
      { interval: '5m', count: 78 },
    ]);
  });

  it('drops duplicate and stale candles and orders a newest-first history', () => {
    const e = createConditionEvaluator(condition({ ...sma2, op: '>', value: 0 }));
    equal(e.warmUp('1m', candles([1, 2, 3]).reverse()), 3);
    ok(!e.onClosedCandle('1m', { start: 2 * MINUTE, close: dec(99) }), 'duplicate');
    ok(!e.onClosedCandle('1m', { start: 0, close: dec(99) }), 'stale');
    ok(!e.onClosedCandle('5m', { start: 10 * MINUTE, close: dec(99) }), 'unused interval');
    ok(e.onClosedCandle('1m', { start: 3 * MINUTE, close: dec(5) }));
    ok(e.ready);
  });

  it('is ready once every indicator has its closed candles', () => {
    const e = createConditionEvaluator(
      condition({ indicator: 'roc', period: 2, interval: '15m', op: '>', value: 0 }),
    );
    e.warmUp('15m', candles([1, 2]));
    ok(!e.ready);
    e.onClosedCandle('15m', { start: 15 * MINUTE, close: dec(3) });
    ok(e.ready);
  });

  it('shares one indicator instance between evaluators of one set', () => {
    const set = new IndicatorSet();
    const entry = createConditionEvaluator(condition({ ...sma2, op: '<', value: 10 }), set);
    const exit = createConditionEvaluator(condition({ ...sma2, op: '>', value: 10 }), set);
    entry.warmUp('1m', candles([4, 6]));
    equal(exit.warmUp('1m', candles([4, 6])), 0, 'already applied through the shared set');
    ok(entry.evaluate(dec(6)) && !exit.evaluate(dec(6)));
    ok(exit.evaluate(dec(20)) && !entry.evaluate(dec(20)));
    throws(() =>
      createConditionEvaluator(condition({ ...sma2, period: 5, op: '<', value: 1 }), set),
    );
  });
});
