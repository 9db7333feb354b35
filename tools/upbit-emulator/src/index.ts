/**
 * `@hoga/upbit-emulator`: a local Upbit exchange (REST, public and private WebSocket) with a
 * matching engine, a seeded market simulator or replay, rate limits and fault knobs.
 */
export { startEmulator, ROUTES, type RunningEmulator } from './emulator.js';
export type {
  EmulatorOptions,
  MarketOptions,
  AccountOptions,
  RateLimitOptions,
  WebSocketOptions,
  RequestArrival,
} from './config/options.js';
export { EmulatorConfigError, DEFAULT_ACCOUNT } from './config/resolve-options.js';
export {
  EmulatorAdmin,
  type TradeSummary,
  type BalanceSummary,
  type OrderFilter,
  type EmulatorState,
  type MarketSummary,
  type RateLimitPatch,
} from './admin/emulator-admin.js';
export { AdminError, isAdminError } from './admin/admin-error.js';
export { ADMIN_ROUTES } from './admin/admin.routes.js';
export type { FaultSettings } from './http/faults.js';
export {
  UPBIT_LIMITS,
  type RateGroup,
  type GroupLimit,
  type RateLimitSettings,
} from './http/rate-limiter.js';
export type { Scope } from './exchange/account.js';
export { ManualClock, systemClock, type Clock } from './util/clock.js';
export { parseReplay, loadReplayFile, type ReplayFrame } from './market/replay-feed.js';
export type { PersistenceOptions, PersistenceStatus } from './persistence/durable-state.js';
export { journalPathOf } from './persistence/durable-state.js';
export { StateStoreError, type FsyncPolicy, type TornRecord } from './persistence/journal-file.js';
