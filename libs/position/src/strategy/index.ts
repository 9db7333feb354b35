export * from './strategy-spec.js';
export { StrategySpecError, isStrategySpecError, type SpecIssue } from './strategy-spec-error.js';
export {
  StrategySpecC,
  EntrySpecC,
  decodeStrategySpec,
  encodeStrategySpec,
} from './strategy-spec.codec.js';
export { ConditionC, ConditionLeafC } from './condition.codec.js';
export { IndicatorRefC, DEFAULT_STD_DEV, type JsonObject } from './indicator-ref.codec.js';
export { ExitSpecC, PROTECTIVE_EXITS } from './exit.codec.js';
export { OrderStyleC, OrdersSpecC } from './orders.codec.js';
export { MAX_PERIOD, MAX_OFFSET_TICKS } from './spec-scalars.codec.js';
export { parseStrategyFile, type StrategyFileFormat } from './parse-strategy-file.js';
