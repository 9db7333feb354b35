import type { Market } from '@hoga/model';

/** How the watched set moved. */
export interface MarketSetChange {
  readonly added: readonly Market[];
  readonly removed: readonly Market[];
}

interface Lease {
  readonly markets: ReadonlySet<Market>;
  readonly expiresAt: number;
}

/**
 * The markets the feed watches: a base set (configuration, `setMarkets`) united with every
 * holder's live lease. A holder's request replaces its own list and renews it; a lease lapses at
 * `expiresAt` unless renewed. Pure: time arrives as `now`. Every change reports what moved.
 */
export class MarketLeases {
  #base: ReadonlySet<Market> = new Set();
  readonly #leases = new Map<string, Lease>();
  #watched: ReadonlySet<Market> = new Set();

  /** The watched markets (the union). */
  get watched(): ReadonlySet<Market> {
    return this.#watched;
  }

  /** True when `market` is watched. */
  has(market: string): boolean {
    return this.#watched.has(market as Market);
  }

  /** Replaces the base set. */
  setBase(markets: Iterable<Market>): MarketSetChange {
    this.#base = new Set(markets);
    return this.#recompute();
  }

  /** Sets `holder`'s markets until `expiresAt` (ms); an empty list releases the lease. */
  lease(holder: string, markets: readonly Market[], expiresAt: number): MarketSetChange {
    if (markets.length === 0) this.#leases.delete(holder);
    else this.#leases.set(holder, { markets: new Set(markets), expiresAt });
    return this.#recompute();
  }

  /** Drops every lease that lapsed by `now`. */
  sweep(now: number): MarketSetChange {
    let lapsed = false;
    for (const [holder, lease] of this.#leases)
      if (lease.expiresAt <= now) lapsed = this.#leases.delete(holder) || lapsed;
    return lapsed ? this.#recompute() : { added: [], removed: [] };
  }

  #recompute(): MarketSetChange {
    const next = new Set(this.#base);
    for (const lease of this.#leases.values()) for (const m of lease.markets) next.add(m);
    const before = this.#watched;
    this.#watched = next;
    return {
      added: [...next].filter((m) => !before.has(m)),
      removed: [...before].filter((m) => !next.has(m)),
    };
  }
}
