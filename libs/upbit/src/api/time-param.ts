/** A time parameter: a `Date` (sent as UTC ISO-8601 to the second) or Upbit's text as is. */
export type TimeParam = Date | string;

/** `2026-11-23T09:00:00Z` for a Date (Upbit does not take milliseconds); strings pass through. */
export const formatTime = (time: TimeParam | undefined): string | undefined =>
  time instanceof Date ? time.toISOString().replace(/\.\d{3}Z$/, 'Z') : time;
