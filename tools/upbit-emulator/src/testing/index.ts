/**
 * `@hoga/upbit-emulator/testing`: the emulator's measuring code for `bench/`, not part of what
 * `startEmulator` runs (`.` exports only the emulator itself; ADR 0061).
 */
export { measureMatchingThroughput, type MatchingThroughput } from './matching-throughput.js';
export {
  measureDurableMatching,
  measureRecovery,
  measureJournalWork,
  type RecoveryRun,
  type DurableMatchingRun,
  type DurabilityMode,
} from './durable-matching.js';
