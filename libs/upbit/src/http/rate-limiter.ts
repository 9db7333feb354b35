import { backoffDelay, type BackoffOptions } from './backoff.js';
import { systemClock, type Clock, type RandomSource } from './clock.js';
import type { RemainingReq } from './remaining-req.js';

/** A group's limit: `limit` requests per `windowMs`; a bare number means per second. */
export type GroupLimit = number | { readonly limit: number; readonly windowMs: number };

/** Upbit's published limits (order: 12/s since 2026-08-21; order-cancel-all: 1 per 2 s). */
export const DEFAULT_RATE_LIMITS: Readonly<Record<string, GroupLimit>> = {
  market: 10,
  candle: 10,
  trade: 10,
  ticker: 10,
  orderbook: 10,
  default: 30,
  order: 12,
  'order-test': 8,
  'order-cancel-all': { limit: 1, windowMs: 2000 },
};

/** Rate limiter settings; every field has a default. */
export interface RateLimiterOptions {
  /** Limits by group, merged over {@link DEFAULT_RATE_LIMITS}. */
  readonly limits?: Readonly<Record<string, GroupLimit>>;
  /** Limit of a group not in the table (first seen in `Remaining-Req`). Default 8/s. */
  readonly unknownGroupLimit?: GroupLimit;
  /** Added to every window, to absorb network jitter between our clock and Upbit's. Default 25 ms. */
  readonly windowMarginMs?: number;
  /** Backoff after a 429. Default 250 ms doubling to 8 s, with jitter. */
  readonly backoff?: BackoffOptions;
  /** Block length after a 418 without a hint. Default 60 s (Upbit's blocks grow; be conservative). */
  readonly defaultBlockMs?: number;
  /** Added after the next second boundary when `sec` reaches 0. Default 20 ms. */
  readonly secondMarginMs?: number;
  readonly clock?: Clock;
  readonly random?: RandomSource;
}

/**
 * One counted request. It occupies its slot while in flight and for a window after it
 * finished: Upbit counted it somewhere between send and answer, so the answer time is the
 * safe end (a server that is slow to process must not see two windows' worth at once).
 */
interface Slot {
  /** When the request finished (answer or failure); undefined while in flight. */
  doneAt: number | undefined;
  /** Requests this slot stands for (stand-ins for the server's count carry several). */
  readonly weight: number;
}

/** Call when the request's answer (or failure) arrived. */
export type ReleaseSlot = () => void;

interface Group {
  readonly limit: number;
  readonly windowMs: number;
  /** Requests counted in the current window (in flight, or finished within it). */
  slots: Slot[];
  /** Sum of the slots' weights. */
  used: number;
  pausedUntil: number;
  readonly queue: (() => void)[];
  pumping: boolean;
}

/**
 * Paces requests per rate-limit group with a sliding window (never more than `limit` sends in
 * any `windowMs`, which satisfies fixed-second and sliding counters alike), lowered to the
 * server's count from `Remaining-Req` (paused to the next second when `sec` reaches 0), paused
 * with exponential backoff after a 429, and stopped entirely while a 418 block lasts. Waiting
 * requests queue in order; none is dropped.
 */
export class RateLimiter {
  private readonly groups = new Map<string, Group>();
  private readonly limits: Readonly<Record<string, GroupLimit>>;
  private readonly clock: Clock;
  private readonly backoff: BackoffOptions;
  private readonly margin: number;
  private blockedUntilMs = 0;

  constructor(private readonly options: RateLimiterOptions = {}) {
    this.limits = { ...DEFAULT_RATE_LIMITS, ...options.limits };
    this.clock = options.clock ?? systemClock;
    this.backoff = options.backoff ?? { initialMs: 250, maxMs: 8000 };
    this.margin = options.windowMarginMs ?? 25;
  }

  /**
   * Resolves when a request of `group` may be sent (after any block, pause and window wait)
   * with the function to call once its answer arrives.
   */
  acquire(group: string): Promise<ReleaseSlot> {
    const g = this.group(group);
    return new Promise<ReleaseSlot>((resolve) => {
      g.queue.push(() => {
        const slot: Slot = { doneAt: undefined, weight: 1 };
        g.slots.push(slot);
        g.used += 1;
        resolve(() => {
          slot.doneAt ??= this.clock.now();
          void this.pump(g);
        });
      });
      void this.pump(g);
    });
  }

  /** Lowers a group to the server's count from a `Remaining-Req` header (never raises it). */
  observe(remaining: RemainingReq): void {
    const g = this.group(remaining.group);
    const now = this.clock.now();
    this.prune(g, now);
    // The server's count holds for its current second: stand-in slots that expire at the next
    // second boundary bring our view down to it without outliving it.
    const nextSecond = Math.floor(now / 1000) * 1000 + 1000 + (this.options.secondMarginMs ?? 20);
    const doneAt = Math.min(now, nextSecond - g.windowMs - this.margin);
    const excess = g.limit - g.used - Math.max(0, remaining.sec);
    if (excess <= 0) return;
    // The server counted requests we did not send (another client on the account): hold back
    // to its count until the next second. When our own count covers the server's, our sliding
    // window is already the stricter bound (under fixed-second and sliding counters alike), and
    // pausing to the second boundary would only waste the rest of the second.
    g.slots.push({ doneAt, weight: excess });
    g.used += excess;
    if (remaining.sec <= 0) g.pausedUntil = Math.max(g.pausedUntil, nextSecond);
  }

  /** Records a 429 for `group` (retry number `attempt`, 0-based); returns the pause in ms. */
  rateLimited(group: string, attempt: number): number {
    const g = this.group(group);
    const delay = backoffDelay(attempt, this.backoff, this.options.random);
    g.pausedUntil = Math.max(g.pausedUntil, this.clock.now() + delay);
    return delay;
  }

  /** Records a 418: nothing is sent until `untilMs` (default: now + `defaultBlockMs`). Returns the end. */
  block(untilMs?: number): number {
    const until = untilMs ?? this.clock.now() + (this.options.defaultBlockMs ?? 60_000);
    this.blockedUntilMs = Math.max(this.blockedUntilMs, until);
    return this.blockedUntilMs;
  }

  /** The end of the current 418 block (ms), or undefined when not blocked. */
  blockedUntil(): number | undefined {
    return this.blockedUntilMs > this.clock.now() ? this.blockedUntilMs : undefined;
  }

  /** Requests waiting in a group's queue. */
  waiting(group: string): number {
    return this.groups.get(group)?.queue.length ?? 0;
  }

  private group(name: string): Group {
    let g = this.groups.get(name);
    if (g === undefined) {
      const spec = this.limits[name] ?? this.options.unknownGroupLimit ?? 8;
      const { limit, windowMs } = typeof spec === 'number' ? { limit: spec, windowMs: 1000 } : spec;
      g = {
        limit: Math.max(1, Math.floor(limit)),
        windowMs,
        slots: [],
        used: 0,
        pausedUntil: 0,
        queue: [],
        pumping: false,
      };
      this.groups.set(name, g);
    }
    return g;
  }

  private prune(g: Group, now: number): void {
    const horizon = now - g.windowMs - this.margin;
    if (g.slots.every((slot) => slot.doneAt === undefined || slot.doneAt > horizon)) return;
    g.slots = g.slots.filter((slot) => slot.doneAt === undefined || slot.doneAt > horizon);
    g.used = g.slots.reduce((sum, slot) => sum + slot.weight, 0);
  }

  /** Ms until a request may go; Infinity while every slot is in flight (a release pumps again). */
  private waitMs(g: Group, now: number): number {
    const gate = Math.max(this.blockedUntilMs, g.pausedUntil) - now;
    if (gate > 0) return gate;
    this.prune(g, now);
    if (g.used < g.limit) return 0;
    let oldest = Infinity;
    for (const slot of g.slots)
      if (slot.doneAt !== undefined && slot.doneAt < oldest) oldest = slot.doneAt;
    return oldest + g.windowMs + this.margin - now;
  }

  private async pump(g: Group): Promise<void> {
    if (g.pumping) return;
    g.pumping = true;
    try {
      while (g.queue.length > 0) {
        const now = this.clock.now();
        const wait = this.waitMs(g, now);
        if (wait === Infinity) return;
        if (wait > 0) {
          await this.clock.sleep(wait);
          continue;
        }
        g.queue.shift()!();
      }
    } finally {
      g.pumping = false;
    }
  }
}
