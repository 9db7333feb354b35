/**
 * A time window of an audit: events recorded by the store (`recorded_at`) in [from, to).
 * ISO-8601 instants; the same rule as the position audit's window scope (ADR 0048 §9).
 */
export interface TimeWindow {
  /** Inclusive. */
  readonly from: string;
  /** Exclusive. */
  readonly to: string;
}

/** Why a window cannot be used, or null when it can: both instants parse and from < to. */
export function windowProblem(window: TimeWindow): string | null {
  const from = Date.parse(window.from);
  const to = Date.parse(window.to);
  if (Number.isNaN(from) || Number.isNaN(to))
    return `the time window needs two ISO-8601 instants (from ${window.from}, to ${window.to})`;
  if (!(from < to))
    return `the time window must start before it ends (from ${window.from}, to ${window.to})`;
  return null;
}

/** True when `recordedAt` (ISO-8601) is in the window; everything is, without one. */
export const inWindow = (recordedAt: string, window: TimeWindow | null): boolean => {
  if (window === null) return true;
  const t = Date.parse(recordedAt);
  return t >= Date.parse(window.from) && t < Date.parse(window.to);
};
