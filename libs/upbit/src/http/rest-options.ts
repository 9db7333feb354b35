import type { NonceSource, UpbitCredentials } from '../auth/jwt.js';
import type { BackoffOptions } from './backoff.js';
import type { Clock, RandomSource } from './clock.js';
import type { RateLimiter, RateLimiterOptions } from './rate-limiter.js';

/** Raised to the engine on every 418 so it can alert; carries no secret. */
export interface BlockedEvent {
  readonly until: Date;
  readonly group: string;
  readonly method: string;
  readonly path: string;
}

/** Raised on every 429. */
export interface RateLimitedEvent {
  readonly group: string;
  readonly method: string;
  readonly path: string;
  readonly attempt: number;
  readonly pauseMs: number;
}

/** REST transport settings; all optional except the credentials for private endpoints. */
export interface RestClientOptions {
  /** Default `https://api.upbit.com`. */
  readonly baseUrl?: string;
  readonly credentials?: UpbitCredentials;
  readonly nonce?: NonceSource;
  /** A limiter to share between clients of one account; else one is made from `rateLimits`. */
  readonly rateLimiter?: RateLimiter;
  readonly rateLimits?: RateLimiterOptions;
  /** Per attempt, headers and body included. Default 10 s. */
  readonly timeoutMs?: number;
  /** Response body bound. Default 5 MiB. */
  readonly maxBodyBytes?: number;
  /** Retries after 429, 418, and (side-effect-free requests only) network errors and 5xx. Default 4. */
  readonly maxRetries?: number;
  /** Backoff between retries of network errors and 5xx. Default 200 ms doubling to 5 s. */
  readonly retryBackoff?: BackoffOptions;
  readonly clock?: Clock;
  readonly random?: RandomSource;
  readonly onBlocked?: (event: BlockedEvent) => void;
  readonly onRateLimited?: (event: RateLimitedEvent) => void;
  /** Injectable for tests; default the global `fetch`. */
  readonly fetch?: typeof fetch;
}
