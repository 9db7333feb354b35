import type { Market } from '@hoga/model';
import type { Logger } from '@hoga/telemetry';
import type { MarketDataSource } from '../adapters/source.port.js';
import type { MarketLeases, MarketSetChange } from '../domain/market-leases.js';

/**
 * Applies changes of the watched set: the source gets the full set, and the handler forgets the
 * markets that left it (their forming candles are dropped unpublished; a later watch starts
 * afresh).
 */
export class MarketWatch {
  constructor(
    private readonly leases: MarketLeases,
    private readonly source: MarketDataSource,
    private readonly handler: { forget(market: Market): void },
    private readonly logger: Logger,
  ) {}

  /** The markets watched now, sorted. */
  markets(): Market[] {
    return [...this.leases.watched].sort();
  }

  /** Replaces the configured (base) markets. */
  setBase(markets: readonly Market[]): void {
    this.#apply(this.leases.setBase(markets), 'configured');
  }

  /** Sets a holder's lease (an empty list releases it). */
  lease(holder: string, markets: readonly Market[], expiresAt: number): void {
    this.#apply(this.leases.lease(holder, markets, expiresAt), holder);
  }

  /** Drops the leases that lapsed by `now`. */
  sweep(now: number): void {
    this.#apply(this.leases.sweep(now), 'lease lapsed');
  }

  #apply(change: MarketSetChange, cause: string): void {
    if (change.added.length === 0 && change.removed.length === 0) return;
    for (const m of change.removed) this.handler.forget(m);
    this.source.watch(this.leases.watched);
    this.logger.info('market-feed: watched markets changed', {
      cause,
      added: change.added,
      removed: change.removed,
      markets: this.markets(),
    });
  }
}
