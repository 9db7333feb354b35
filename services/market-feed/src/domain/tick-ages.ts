import type { Market } from '@hoga/model';

/** One market's last tick as the feed's ops status reports it. */
export interface MarketTickAge {
  readonly market: Market;
  /** When the feed last published a tick of it (feed clock); null: none since the start. */
  readonly lastTickAt: string | null;
  /** Milliseconds since then; null: none since the start. */
  readonly lastTickAgeMs: number | null;
}

/** When each market last produced a tick (feed clock, ms). Time comes in the calls. */
export class TickAges {
  readonly #last = new Map<Market, number>();

  /** A tick of `market` was published at `atMs`. */
  record(market: Market, atMs: number): void {
    this.#last.set(market, atMs);
  }

  /** The ages of `markets` at `nowMs`, in the given order. */
  ages(markets: readonly Market[], nowMs: number): MarketTickAge[] {
    return markets.map((market) => {
      const at = this.#last.get(market);
      return at === undefined
        ? { market, lastTickAt: null, lastTickAgeMs: null }
        : {
            market,
            lastTickAt: new Date(at).toISOString(),
            lastTickAgeMs: Math.max(0, nowMs - at),
          };
    });
  }

  /** Forgets a market that is no longer watched. */
  forget(market: Market): void {
    this.#last.delete(market);
  }
}
