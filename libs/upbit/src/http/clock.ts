import type { Clock } from '@hoga/model';

/** Time for the rate limiter and backoff: the one `Clock` of `@hoga/model` (ADR 0062). */
export type { Clock };

/** The real clock (`Date.now`, `setTimeout`). */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** A random source in [0, 1) for jitter; injectable for deterministic tests. */
export type RandomSource = () => number;
