/**
 * @hoga/position-actor — hosts one actor per position: ticks, candles, order events, operator
 * commands and risk halts in; position events, outbox rows (order commands) and live state out.
 */
export { start } from './service.js';
export type {
  PositionActorConnections,
  PositionActorOptions,
  PositionActorService,
} from './service.js';
export { PositionActorConfig, DEFAULT_CONFIG, loadPositionActorConfig } from './config.js';
export { positionIdForCommand } from './handlers/run.handler.js';
export { streamIdOf } from './adapters/stored-position-event.js';
/** Re-exported from `@hoga/leases` for compatibility; import them from there. */
export {
  PostgresLeaseBackend,
  DEFAULT_LEASE_CLASS,
  SoloLeaseBackend,
  type LeaseBackend,
} from '@hoga/leases';
export type { PositionIndex } from './adapters/position-index/position-index.port.js';
export { PostgresPositionIndex } from './adapters/position-index/postgres-position-index.js';
export { MemoryPositionIndex } from './adapters/position-index/memory-position-index.js';
