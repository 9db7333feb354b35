import type { Clock } from '../util/clock.js';

/** Upbit's rate-limit groups. */
export type RateGroup =
  | 'market'
  | 'candle'
  | 'trade'
  | 'ticker'
  | 'orderbook'
  | 'default'
  | 'order'
  | 'order-test'
  | 'order-cancel-all'
  | 'websocket-connect';

/** `limit` requests per `windowMs` (a sliding window). */
export interface GroupLimit {
  readonly limit: number;
  readonly windowMs: number;
}

/** The limiter's knobs. */
export interface RateLimitSettings {
  readonly enabled: boolean;
  readonly groups: Readonly<Record<RateGroup, GroupLimit>>;
  /** 429s within `violationWindowMs` that turn into a 418 block. */
  readonly blockAfterViolations: number;
  readonly violationWindowMs: number;
  /** First block length; each further block of the same key doubles, up to `blockMaxMs`. */
  readonly blockBaseMs: number;
  readonly blockMaxMs: number;
}

/** Upbit's published limits (order: 12/s since 2026-08-21). */
export const UPBIT_LIMITS: Readonly<Record<RateGroup, GroupLimit>> = {
  market: { limit: 10, windowMs: 1000 },
  candle: { limit: 10, windowMs: 1000 },
  trade: { limit: 10, windowMs: 1000 },
  ticker: { limit: 10, windowMs: 1000 },
  orderbook: { limit: 10, windowMs: 1000 },
  default: { limit: 30, windowMs: 1000 },
  order: { limit: 12, windowMs: 1000 },
  'order-test': { limit: 8, windowMs: 1000 },
  'order-cancel-all': { limit: 1, windowMs: 2000 },
  'websocket-connect': { limit: 5, windowMs: 1000 },
};

/** The outcome for one request. */
export type RateDecision =
  | { readonly kind: 'ok'; readonly remaining: number }
  | { readonly kind: 'limited'; readonly remaining: 0 }
  | { readonly kind: 'blocked'; readonly remaining: 0; readonly untilMs: number };

interface Offender {
  violations: number[];
  blocks: number;
  blockedUntil: number;
}

/**
 * Per-group sliding-window limits keyed by IP or account. Going over answers 429; repeated
 * 429s answer 418 for a block that doubles for each repeat offence.
 */
export class RateLimiter {
  private readonly windows = new Map<string, number[]>();
  private readonly offenders = new Map<string, Offender>();

  constructor(
    public settings: RateLimitSettings,
    private readonly clock: Clock,
  ) {}

  /** Counts a request of `group` from `key` (an IP or an access key) when it is allowed. */
  check(group: RateGroup, key: string): RateDecision {
    const { limit, windowMs } = this.settings.groups[group];
    if (!this.settings.enabled) return { kind: 'ok', remaining: limit - 1 };
    const now = this.clock.now();
    const offender = this.offenders.get(key);
    if (offender && now < offender.blockedUntil)
      return { kind: 'blocked', remaining: 0, untilMs: offender.blockedUntil };
    const id = `${group}\u0000${key}`;
    const hits = (this.windows.get(id) ?? []).filter((t) => t > now - windowMs);
    this.windows.set(id, hits);
    if (hits.length >= limit) return this.violation(key, now);
    hits.push(now);
    return { kind: 'ok', remaining: limit - hits.length };
  }

  /** The `Remaining-Req` header for a group with `remaining` requests left in this second. */
  header(group: RateGroup, remaining: number): string {
    const { limit, windowMs } = this.settings.groups[group];
    const perMinute = Math.floor((limit * 60_000) / windowMs);
    return `group=${group}; min=${perMinute}; sec=${remaining}`;
  }

  /** Forgets every window, violation and block. */
  reset(): void {
    this.windows.clear();
    this.offenders.clear();
  }

  private violation(key: string, now: number): RateDecision {
    const o = this.offenders.get(key) ?? { violations: [], blocks: 0, blockedUntil: 0 };
    this.offenders.set(key, o);
    o.violations = o.violations.filter((t) => t > now - this.settings.violationWindowMs);
    o.violations.push(now);
    if (o.violations.length < this.settings.blockAfterViolations)
      return { kind: 'limited', remaining: 0 };
    const length = Math.min(this.settings.blockBaseMs * 2 ** o.blocks, this.settings.blockMaxMs);
    o.blocks += 1;
    o.violations = [];
    o.blockedUntil = now + length;
    return { kind: 'blocked', remaining: 0, untilMs: o.blockedUntil };
  }
}
