import type { Decimal } from '@hoga/model';
import {
  createConditionEvaluator,
  IndicatorSet,
  type ClosedCandle,
  type ConditionEvaluator,
  type HistoryRequirement,
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
 * with the previous evaluation. Indicators are warmed up from candle history: while a warm-up
 * is in flight live closed candles are held back, then applied after the history (those not
 * after its last candle are dropped). Without history a condition is false until enough
 * closed candles arrived.
 */
export class StrategyConditions {
  readonly #indicators = new IndicatorSet();
  readonly #entry: ConditionEvaluator | undefined;
  readonly #exit: ConditionEvaluator | undefined;
  #heldBack: [Interval, ClosedCandle][] | null = null;

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

  /** False when the spec has neither an entry condition nor an exit `when`: both flags are false. */
  get evaluates(): boolean {
    return this.#entry !== undefined || this.#exit !== undefined;
  }

  /** Candle intervals the indicators use (to subscribe to). */
  intervals(): readonly Interval[] {
    return this.#indicators.requiredHistory().map((r) => r.interval);
  }

  /** Closed candles to fetch per interval before the first evaluation. */
  requiredHistory(): readonly HistoryRequirement[] {
    return this.#indicators.requiredHistory();
  }

  /** A warm-up starts: live closed candles are held back until `finishWarmUp`. */
  beginWarmUp(): void {
    this.#heldBack ??= [];
  }

  /** Applies the history (closed candles per interval), then the candles held back. */
  finishWarmUp(history: ReadonlyMap<Interval, readonly ClosedCandle[]>): void {
    for (const [interval, candles] of history) this.#indicators.warmUp(interval, candles);
    const held = this.#heldBack ?? [];
    this.#heldBack = null;
    for (const [interval, candle] of held) this.#indicators.onClosedCandle(interval, candle);
  }

  /** Applies a closed candle; false when ignored (unused interval, duplicate, stale, held back). */
  onClosedCandle(interval: Interval, candle: ClosedCandle): boolean {
    if (this.#heldBack === null) return this.#indicators.onClosedCandle(interval, candle);
    this.#heldBack.push([interval, candle]);
    return false;
  }

  /** The entry and exit conditions at this price. */
  evaluate(price: Decimal): ConditionFlags {
    return { entryConditionMet: this.entryMet(price), exitConditionMet: this.exitMet(price) };
  }

  /** The entry condition at this price (false without one). */
  entryMet(price: Decimal): boolean {
    return this.#entry?.evaluate(price) ?? false;
  }

  /** The exit `when` condition at this price (false without one). */
  exitMet(price: Decimal): boolean {
    return this.#exit?.evaluate(price) ?? false;
  }
}
