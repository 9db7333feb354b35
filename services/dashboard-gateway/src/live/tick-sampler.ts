/** One market's sampling window. */
interface Window {
  lastAt: number;
  pending: unknown;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Downsamples ticks per market to at most `perSecond` publishes a second: the first tick after a
 * quiet window goes out at once; inside a window the latest tick wins and goes out when the window
 * ends (so the last price of a burst is never lost).
 */
export class TickSampler {
  readonly #markets = new Map<string, Window>();
  readonly #windowMs: number;

  constructor(
    perSecond: number,
    private readonly publish: (market: string, data: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.#windowMs = 1000 / perSecond;
  }

  /** A tick of `market` (already encoded). */
  offer(market: string, data: unknown): void {
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
      this.publish(market, window.pending);
      window.pending = undefined;
    }, this.#windowMs - since);
  }

  /** Stops the pending publishes. */
  stop(): void {
    for (const w of this.#markets.values()) clearTimeout(w.timer);
    this.#markets.clear();
  }
}
