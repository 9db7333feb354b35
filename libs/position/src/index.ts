/**
 * @hoga/position — the position machine, its live state, the decider that turns inputs into
 * position events, replay, and the strategy spec and indicators. Pure: no I/O, no clock.
 */
export * from './strategy/index.js';
export * from './indicators/index.js';

export {
  positionMachine,
  GUARDS,
  UPDATES,
  type PositionMachine,
  type GuardName,
  type UpdateName,
} from './machine/position.machine.js';
export { stepMachine, acceptsEvent, compileMachine } from './machine/machine-table.js';
export {
  INITIAL_SNAPSHOT,
  PositionEventRejected,
  isPositionEventRejected,
  type PositionPhase,
  type PositionSnapshot,
} from './machine/position-snapshot.js';
export { DISCRETIONARY_EXITS } from './machine/lifecycle-guards.js';

export * from './live-state/position-context.js';
export * from './live-state/fees.js';
export * from './live-state/position-money.js';
export { isSettled, executedVolume, findOrder, addTrade } from './live-state/order-track.js';
export { MAX_EXPIRED_ENTRIES, expiredEntriesInARow } from './live-state/expired-entries.js';
export {
  positionStateData,
  type PositionStateData,
  type MarketView,
} from './live-state/position-view.js';

export { evolve, evolveWithMachine } from './machine/evolve.js';
export { replay, replayWithMachine } from './replay/replay.js';

export { decide } from './evaluator/decide.js';
export { commandRefusal } from './evaluator/decide-on-command.js';
export type * from './evaluator/inputs.js';
export type { DecideContext } from './evaluator/decide-context.js';
export { restore, applyDecision, type LivePosition } from './evaluator/live-position.js';
export type { Decision } from './evaluator/decision.js';
export type { PriceWatch } from './evaluator/price-watch.js';
export {
  exitLevels,
  trailingStopFor,
  TRAILING_PEAK_STEP_SHARE,
  type ExitLevels,
} from './evaluator/exit-levels.js';
export { exitPrices } from './evaluator/exit-prices.js';
export { exitLevelsOf } from './evaluator/price-watch.js';
export { firstExitTrigger } from './evaluator/exit-triggers.js';
export { orderIdFor, eventIdFor, MAX_ORDER_ID_LENGTH } from './evaluator/order-ids.js';
export { entryOrder, exitOrder, limitPrice, type EntrySizing } from './evaluator/order-requests.js';

export * from './tick-sanity/price-sanity.js';
export * from './tick-sanity/tick-gate.js';
