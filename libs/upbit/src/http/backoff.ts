import type { RandomSource } from './clock.js';

/** Exponential backoff bounds. */
export interface BackoffOptions {
  /** First delay (attempt 0), ms. */
  readonly initialMs: number;
  /** Upper bound of any delay, ms. */
  readonly maxMs: number;
}

/**
 * Delay before retry number `attempt` (0-based): `initialMs * 2^attempt` capped at `maxMs`, with
 * "equal jitter" (between half and all of it) so clients that failed together do not retry together.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: RandomSource = Math.random,
): number {
  const exp = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(exp / 2 + (random() * exp) / 2);
}
