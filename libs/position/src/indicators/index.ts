/**
 * Technical indicators and the condition evaluator of strategy specs.
 *
 * NUMBERS, NOT DECIMALS, INSIDE: indicators compute with JS numbers (float64). Measured on
 * this machine, an EMA peek plus a Bollinger peek took ~33 µs with decimal.js (precision 50:
 * the square root dominates) and ~0.06 µs with numbers; every tick peeks every indicator of
 * every pending/active position on the market, so decimals would cost a visible share of a
 * core. Indicators are signals, never money: nothing they compute is ordered, stored or
 * settled. Determinism holds: only + − × ÷ and Math.sqrt are used (IEEE 754 correctly
 * rounded, identical on every platform; no Math.pow/exp/log). The boundary stays exact:
 * candles and live prices arrive as Decimal and are converted once (`toNumber()`, correctly
 * rounded); a comparison of the live price with a spec constant is exact for prices with
 * up to 15 significant digits (every Upbit KRW tick-grid price).
 *
 * Warm-up: an indicator is not ready until it has seen `readyAfter` closed candles; until
 * then its value is `undefined` and any condition on it is unknown, which evaluates to false
 * (Kleene logic: `not` of unknown is unknown, so a cold indicator never triggers).
 */
export type { Indicator } from './indicator.js';
export { decayCandles } from './indicator.js';
export { Sma } from './sma.indicator.js';
export { Ema } from './ema.indicator.js';
export { Rsi, rsiOf } from './rsi.indicator.js';
export { BollingerBandIndicator } from './bollinger.indicator.js';
export { Roc } from './roc.indicator.js';
export { PriceIndicator } from './price.indicator.js';
export { createIndicator, indicatorKey } from './create-indicator.js';
export { CrossDetector, type CrossDirection } from './cross-detector.js';
export { IndicatorSet, type ClosedCandle, type HistoryRequirement } from './indicator-set.js';
export { compileCondition, type CompiledCondition, type Truth } from './compile-condition.js';
export { createConditionEvaluator, type ConditionEvaluator } from './condition-evaluator.js';
