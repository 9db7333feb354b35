import type { Decimal } from '@hoga/model';
import {
  createConditionEvaluator,
  IndicatorSet,
  type ClosedCandle,
  type ConditionEvaluator,
  type Interval,
  type StrategySpec,
} from '@hoga/position';

/** The flags `decide` reads on a tick or a closed candle. */
export interface ConditionFlags {
  readonly entryConditionMet: boolean;
  readonly exitConditionMet: boolean;
}

/**
 * A position's strategy conditions (entry condition, exit `when`) over one shared indicator
 * set, fed with closed candles. Evaluate once per processed tick or candle: crosses compare
 * with the previous evaluation. Indicators start cold (no warm-up from Upbit candles yet), so
 * a condition on an indicator is false until enough closed candles arrived.
 */
export class StrategyConditions {
  readonly #indicators = new IndicatorSet();
  readonly #entry: ConditionEvaluator | undefined;
  readonly #exit: ConditionEvaluator | undefined;

  constructor(spec: StrategySpec) {
    this.#entry =
      spec.entry === 'immediate'
        ? undefined
        : createConditionEvaluator(spec.entry, this.#indicators);
    this.#exit =
      spec.exit.when === undefined
        ? undefined
        : createConditionEvaluator(spec.exit.when, this.#indicators);
  }

  /** Candle intervals the indicators use (to subscribe to). */
  intervals(): readonly Interval[] {
    return this.#indicators.requiredHistory().map((r) => r.interval);
  }

  /** Applies a closed candle; false when ignored (unused interval, duplicate, stale). */
  onClosedCandle(interval: Interval, candle: ClosedCandle): boolean {
    return this.#indicators.onClosedCandle(interval, candle);
  }

  /** The entry and exit conditions at this price. */
  evaluate(price: Decimal): ConditionFlags {
    return {
      entryConditionMet: this.#entry?.evaluate(price) ?? false,
      exitConditionMet: this.#exit?.evaluate(price) ?? false,
    };
  }
}
