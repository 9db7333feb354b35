import type { Bus, Headers, Subscription } from '@hoga/bus';
import { subjects, type Candle, type Tick } from '@hoga/contracts';
import type { Market } from '@hoga/model';
import type { Interval } from '@hoga/position';

/** Where market data goes once received. */
export interface MarketDataSink {
  /**
   * A tick that came on the subject of `subjectMarket` (its body is not trusted to match), with
   * its message headers (the tick trace's `traceparent`).
   */
  onTick(tick: Tick, subjectMarket: Market, headers?: Headers): void;
  /** A candle that came on the subject of (`subjectInterval`, `subjectMarket`). */
  onCandle(candle: Candle, subjectMarket: Market, subjectInterval: Interval): void;
}

interface Held {
  count: number;
  readonly subscription: Promise<Subscription>;
}

/**
 * Reference-counted market-data subscriptions: the first holder of a market's ticks (or of a
 * candle interval on it) subscribes, the last release unsubscribes.
 */
export class MarketFeeds {
  readonly #held = new Map<string, Held>();

  constructor(
    private readonly bus: Bus,
    private readonly sink: MarketDataSink,
  ) {}

  /** Holds the ticks of `market` and its candles of `intervals`; resolves once subscribed. */
  async acquire(market: Market, intervals: readonly Interval[]): Promise<void> {
    const tick = this.#hold(`tick:${market}`, () =>
      this.bus.subscribe(subjects.mdTick(market), (d) =>
        this.sink.onTick(d.data, market, d.headers),
      ),
    );
    const candles = intervals.map((interval) =>
      this.#hold(`candle:${interval}:${market}`, () =>
        this.bus.subscribe(subjects.mdCandle(interval, market), (d) =>
          this.sink.onCandle(d.data, market, interval),
        ),
      ),
    );
    await Promise.all([tick, ...candles]);
  }

  /** Releases what `acquire` held. */
  async release(market: Market, intervals: readonly Interval[]): Promise<void> {
    const keys = [`tick:${market}`, ...intervals.map((i) => `candle:${i}:${market}`)];
    await Promise.all(keys.map((key) => this.#release(key)));
  }

  /** Markets whose ticks are held now. */
  markets(): string[] {
    return [...this.#held.keys()].filter((k) => k.startsWith('tick:')).map((k) => k.slice(5));
  }

  /** Unsubscribes everything. */
  async close(): Promise<void> {
    const all = [...this.#held.values()];
    this.#held.clear();
    await Promise.all(all.map(async (h) => (await h.subscription).unsubscribe()));
  }

  #hold(key: string, subscribe: () => Promise<Subscription>): Promise<Subscription> {
    const held = this.#held.get(key);
    if (held !== undefined) {
      held.count += 1;
      return held.subscription;
    }
    const subscription = subscribe();
    this.#held.set(key, { count: 1, subscription });
    return subscription;
  }

  async #release(key: string): Promise<void> {
    const held = this.#held.get(key);
    if (held === undefined) return;
    held.count -= 1;
    if (held.count > 0) return;
    this.#held.delete(key);
    await (await held.subscription).unsubscribe();
  }
}
