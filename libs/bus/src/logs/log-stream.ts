import { STREAMS, type StreamSpec } from '@hoga/contracts';
import { BusUsageError } from '../bus.errors.js';

/** The LOGS stream's limits: the oldest lines are discarded beyond either. */
export interface LogStreamLimits {
  /** Lines older than this are discarded. */
  readonly maxAgeMs: number;
  /** Bytes kept at most. */
  readonly maxBytes: number;
}

/** The LOGS stream's limits: the contracts' defaults under `overrides` (`logLimitsFromEnv`). */
export function logStreamLimits(overrides: Partial<LogStreamLimits> = {}): LogStreamLimits {
  const limits = {
    maxAgeMs: overrides.maxAgeMs ?? STREAMS.logs.maxAgeMs,
    maxBytes: overrides.maxBytes ?? STREAMS.logs.maxBytes,
  };
  for (const [name, value] of Object.entries(limits))
    if (!Number.isSafeInteger(value) || value < 1)
      throw new BusUsageError(`log stream ${name} must be a positive integer, got ${value}`);
  return limits;
}

/**
 * The LOGS stream spec with these limits. Its dedup window never exceeds the age limit (JetStream
 * refuses that); log lines carry no message id, so it costs nothing.
 */
export const logStreamSpec = (limits: LogStreamLimits = logStreamLimits()): StreamSpec => ({
  ...STREAMS.logs,
  ...limits,
  duplicateWindowMs: Math.min(STREAMS.logs.duplicateWindowMs, limits.maxAgeMs),
});
