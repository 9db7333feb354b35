/**
 * The one clock type (ADR 0062): what a service is given to tell time and to wait, so a test
 * can move time without waiting on the real clock. The real one is `systemClock` (`@hoga/upbit`).
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
}

/** The clock as a `() => Date` reader, for code that takes time as a `Date`. */
export const dateOf =
  (clock: Pick<Clock, 'now'>): (() => Date) =>
  () =>
    new Date(clock.now());
