import type { Clock } from '@hoga/upbit';

/** A running timer. */
export interface FeedTimer {
  stop(): void;
}

/**
 * Calls `onTick(clock.now())` every `everyMs`: closes candles past their grace period, publishes
 * throttled forming updates, lets unrenewed leases lapse. Unref'd: it never keeps a process alive.
 */
export function startFeedTimer(
  everyMs: number,
  clock: Clock,
  onTick: (now: number) => void,
): FeedTimer {
  const timer = setInterval(() => onTick(clock.now()), everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
