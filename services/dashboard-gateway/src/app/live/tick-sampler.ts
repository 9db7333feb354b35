/** One market's sampling window. */
interface Window<T> {
  lastAt: number;
  pending: T | undefined;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Downsamples ticks per market to at most `perSecond` publishes a second: the first tick after a
 * quiet window goes out at once; inside a window the latest tick wins and goes out when the window
 * ends (so the last price of a burst is never lost).
 */
export class TickSampler<T> {
  readonly #markets = new Map<string, Window<T>>();
  readonly #windowMs: number;

  constructor(
    perSecond: number,
    private readonly publish: (market: string, data: T) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.#windowMs = 1000 / perSecond;
  }

  /** A tick of `market` (encoded by `publish` only if it goes out). */
  offer(market: string, data: T): void {
    const at = this.now();
    let w = this.#markets.get(market);
    if (w === undefined) {
      w = { lastAt: Number.NEGATIVE_INFINITY, pending: undefined, timer: undefined };
      this.#markets.set(market, w);
    }
    if (w.timer !== undefined) {
      w.pending = data;
      return;
    }
    const since = at - w.lastAt;
    if (since >= this.#windowMs) {
      w.lastAt = at;
      this.publish(market, data);
      return;
    }
    w.pending = data;
    const window = w;
    window.timer = setTimeout(() => {
      window.timer = undefined;
      window.lastAt = this.now();
      if (window.pending !== undefined) this.publish(market, window.pending);
      window.pending = undefined;
    }, this.#windowMs - since);
  }

  /** Stops the pending publishes. */
  stop(): void {
    for (const w of this.#markets.values()) clearTimeout(w.timer);
    this.#markets.clear();
  }
}
