import type { Clock } from '@hoga/upbit';
import type { WatchMarkets, WatchMarketsReply } from '@hoga/contracts';
import type { MarketWatch } from './market-watch.js';

/** Answers `hoga.ops.market-feed.watch`: sets the holder's lease, replies with the whole set. */
export const watchHandler =
  (watch: MarketWatch, clock: Clock) =>
  async (request: WatchMarkets): Promise<WatchMarketsReply> => {
    const { holder, markets, ttlMs } = request.data;
    const expiresAt = clock.now() + ttlMs;
    watch.lease(holder, markets, expiresAt);
    return {
      ok: true,
      markets: watch.markets(),
      expiresAt: markets.length === 0 ? null : new Date(expiresAt).toISOString(),
    };
  };
