/** How long to wait after failed deliveries: exponential from `baseMs`, at most `maxMs`. */
export interface RetryPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

/** 1 s, 2 s, 4 s ... up to 5 minutes. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 1000, maxMs: 5 * 60 * 1000 };

/**
 * The delay before the next attempt after `failures` failed ones (1 = the first failed), never
 * shorter than what the far side asked for (`retryAfterMs`, Telegram's 429 `retry_after`).
 */
export function retryDelayMs(
  failures: number,
  policy: RetryPolicy,
  retryAfterMs: number | undefined,
): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const backoff = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.max(backoff, retryAfterMs ?? 0);
}
