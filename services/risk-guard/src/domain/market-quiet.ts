import type { Market } from '@hoga/model';

/** A held market found quiet: when its last tick came (or the watch started) and how long ago. */
export interface MarketSilence {
  readonly market: Market;
  readonly lastTickMs: number;
  readonly quietForMs: number;
}

/**
 * The last tick of every market, and which held markets have been quiet for `quietMs`. A
 * market never heard from counts from when watching started. Each quiet episode is reported
 * once ({@link MarketQuiet.newlyQuiet}); a tick ends it. Time comes in the calls.
 */
export class MarketQuiet {
  readonly #lastTick = new Map<Market, number>();
  readonly #reported = new Set<Market>();

  constructor(
    private readonly quietMs: number,
    private readonly startedAtMs: number,
  ) {}

  /** A tick of `market` at `atMs`. */
  saw(market: Market, atMs: number): void {
    this.#lastTick.set(market, atMs);
    this.#reported.delete(market);
  }

  /** The held markets quiet at `nowMs`, sorted by market. */
  quiet(held: Iterable<Market>, nowMs: number): MarketSilence[] {
    const out: MarketSilence[] = [];
    for (const market of new Set(held)) {
      const lastTickMs = this.#lastTick.get(market) ?? this.startedAtMs;
      if (nowMs - lastTickMs >= this.quietMs)
        out.push({ market, lastTickMs, quietForMs: nowMs - lastTickMs });
    }
    return out.sort((a, b) => (a.market < b.market ? -1 : a.market > b.market ? 1 : 0));
  }

  /** Of the quiet ones, those not reported yet in this episode; marks them reported. */
  newlyQuiet(quiet: readonly MarketSilence[]): MarketSilence[] {
    const fresh = quiet.filter((q) => !this.#reported.has(q.market));
    for (const q of fresh) this.#reported.add(q.market);
    return fresh;
  }
}
