import type { Scope } from '../exchange/account.js';
import type { FaultSettings } from '../http/faults.js';
import type { GroupLimit, RateGroup } from '../http/rate-limiter.js';
import type { ReplayFrame } from '../market/replay-feed.js';
import type { PersistenceOptions } from '../persistence/durable-state.js';
import type { Clock } from '../util/clock.js';

/** One simulated market. Decimal amounts are strings. */
export interface MarketOptions {
  /** `KRW-BTC`. */
  readonly market: string;
  /** Start price, on the tick grid (rounded onto it otherwise). Defaults per coin. */
  readonly startPrice?: string;
  /** Standard deviation of the return per step (default 0.001 = 0.1%). */
  readonly volatility?: number;
  /** Chance of a jump per step (default 0.005). */
  readonly jumpProbability?: number;
  /** Typical jump as a return (default 0.02). */
  readonly jumpSize?: number;
  /** Mean return per step (default 0). */
  readonly drift?: number;
  /** Typical KRW value of one simulated market trade (default 2,000,000). */
  readonly tradeKrw?: string;
  /** Synthetic book: levels per side (30), KRW per level (50,000,000), half spread in ticks (1). */
  readonly book?: {
    readonly levels?: number;
    readonly levelKrw?: string;
    readonly halfSpreadTicks?: number;
  };
  readonly koreanName?: string;
  readonly englishName?: string;
}

/** One API key pair and its account. */
export interface AccountOptions {
  readonly accessKey: string;
  readonly secretKey: string;
  /** Starting available balances, e.g. `{ KRW: '1000000', BTC: '0.5' }`. */
  readonly balances?: Readonly<Record<string, string>>;
  /** Key permissions (default all): missing ones answer 403 `out_of_scope`. */
  readonly scopes?: readonly Scope[];
  /** When set, other client IPs get 401 `no_authorization_ip`. */
  readonly allowedIps?: readonly string[];
  /** Expiry (ms since epoch): after it, 401 `expired_access_key`. */
  readonly expiresAt?: number;
}

/** Rate-limit knobs; `enabled: false` turns limiting off (headers are still sent). */
export interface RateLimitOptions {
  readonly enabled?: boolean;
  readonly groups?: Partial<Record<RateGroup, GroupLimit>>;
  readonly blockAfterViolations?: number;
  readonly violationWindowMs?: number;
  readonly blockBaseMs?: number;
  readonly blockMaxMs?: number;
  /** 429/418 body: JSON, plain text, or `mixed` (text for quotation groups, JSON otherwise). */
  readonly body?: 'json' | 'text' | 'mixed';
}

/** WebSocket knobs. */
export interface WebSocketOptions {
  /** Close a connection that has sent nothing for this long (default 120,000 ms). */
  readonly idleTimeoutMs?: number;
  /** After a text `PING`, send `{"status":"UP"}` this often (default 10,000 ms). */
  readonly statusIntervalMs?: number;
  /** Frame kind for data (default binary, as Upbit). */
  readonly frames?: 'binary' | 'text';
}

/** An HTTP request as it reached the emulator (see {@link EmulatorOptions.onRequest}). */
export interface RequestArrival {
  readonly method: string;
  /** The path without the query string, e.g. `/v1/orders`. */
  readonly path: string;
  /**
   * When the request's headers were read: `performance.timeOrigin + performance.now()`, a
   * sub-millisecond epoch time comparable across the processes of one machine.
   */
  readonly atMs: number;
}

/** Everything `startEmulator` accepts; all optional. */
export interface EmulatorOptions {
  /** TCP port (0 = any free port; default 0). */
  readonly port?: number;
  /** Interface (default 127.0.0.1). */
  readonly host?: string;
  /** Seed of every random choice (prices, uuids); default 1. */
  readonly seed?: string | number;
  /** Markets (default KRW-BTC, KRW-ETH, KRW-XRP). */
  readonly markets?: readonly MarketOptions[];
  /** Accounts (default one: `emulator-access-key` / `emulator-secret-key` with 10,000,000 KRW). */
  readonly accounts?: readonly AccountOptions[];
  /** Price step period in ms; 0 = steps only through `admin.step` (default 1000). */
  readonly tickIntervalMs?: number;
  /** Start with the timer paused (default false). */
  readonly paused?: boolean;
  /** Time source (default the system clock). */
  readonly clock?: Clock;
  /** Minutes of synthetic history before the start (default 1440). */
  readonly historyMinutes?: number;
  /** Recorded frames to replay (markets they cover replay instead of walking). */
  readonly replay?: {
    readonly frames?: readonly ReplayFrame[];
    readonly path?: string;
    readonly loop?: boolean;
  };
  /** Taker fee rate (default 0.0005) and maker fee rate (default = taker). */
  readonly feeRate?: string;
  readonly makerFeeRate?: string;
  /** Minimum and maximum order totals in KRW (5,000 and 1,000,000,000). */
  readonly minTotal?: string;
  readonly maxTotal?: string;
  readonly rateLimits?: RateLimitOptions;
  readonly webSocket?: WebSocketOptions;
  /** Faults active from the start. */
  readonly faults?: Partial<FaultSettings>;
  /** Where to write log lines (default: nowhere). */
  readonly log?: (line: string) => void;
  /**
   * Called as each HTTP request arrives, before anything else is done with it (routing, rate
   * limit, body, authentication), with its method, path and arrival time: for measurements (the
   * frame-to-order bench times each `POST /v1/orders` here). Must be cheap and must not throw.
   */
  readonly onRequest?: (arrival: RequestArrival) => void;
  /**
   * Keep the exchange state (balances, orders, trades, used identifiers, last prices) in a
   * snapshot + journal at `path`, durable on every change, restored at start (default: memory only).
   */
  readonly persistence?: PersistenceOptions;
}
