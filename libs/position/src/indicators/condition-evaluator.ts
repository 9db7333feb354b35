import type { Decimal } from '@hoga/model';
import type { Condition, Interval } from '../strategy/strategy-spec.js';
import { compileCondition, type UsedIndicator } from './compile-condition.js';
import {
  historyOf,
  IndicatorSet,
  type ClosedCandle,
  type HistoryRequirement,
} from './indicator-set.js';

/** Evaluates one condition tree on live prices, fed with closed candles. */
export interface ConditionEvaluator {
  /** Applies a closed candle; false if ignored (interval unused, duplicate or stale). */
  onClosedCandle(interval: Interval, candle: ClosedCandle): boolean;
  /** Applies a candle history (any order); returns how many were applied. */
  warmUp(interval: Interval, candles: readonly ClosedCandle[]): number;
  /**
   * True when the condition holds at this live price, with every forming candle closing
   * at it. Not-ready indicators make their leaves unknown, and unknown counts as false.
   * Call it on every tick: crosses compare with the previous call.
   */
  evaluate(livePrice: Decimal): boolean;
  /** Closed candles per interval this condition needs before it can be true. */
  requiredHistory(): readonly HistoryRequirement[];
  /** True once every indicator of this condition is warm. */
  readonly ready: boolean;
}

/**
 * Builds an evaluator. Pass one shared {@link IndicatorSet} to several evaluators (entry
 * and exit) to keep one instance per indicator; build them all before feeding candles.
 */
export function createConditionEvaluator(
  condition: Condition,
  indicators: IndicatorSet = new IndicatorSet(),
): ConditionEvaluator {
  const used: UsedIndicator[] = [];
  const compiled = compileCondition(condition, indicators, used);
  return {
    onClosedCandle: (interval, candle) => indicators.onClosedCandle(interval, candle),
    warmUp: (interval, candles) => indicators.warmUp(interval, candles),
    evaluate: (livePrice) => compiled(livePrice.toNumber()) === true,
    requiredHistory: () => historyOf(used),
    get ready() {
      return used.every((u) => u.indicator.ready);
    },
  };
}
