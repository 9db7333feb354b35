import type { FeedStatusReply, GetFeedStatus } from '@hoga/contracts';
import type { FeedCounters } from './market-data.handler.js';
import type { MarketWatch } from './market-watch.js';

/**
 * Answers `hoga.ops.market-feed.status`: the markets streamed and what the feed did with the
 * frames it received — every frame refused by reason (ADR 0024). Each instance answers for itself.
 */
export const statusHandler =
  (watch: MarketWatch, counters: FeedCounters) =>
  (_request: GetFeedStatus): Promise<FeedStatusReply> => {
    const c = counters;
    return Promise.resolve({
      ok: true,
      markets: watch.markets(),
      feed: {
        ticks: c.ticks,
        duplicates: c.duplicates,
        outOfOrder: c.outOfOrder,
        ignored: c.ignored,
        rejected: { ...c.rejectedBy },
        candlesClosed: c.candlesClosed,
        candlesForming: c.candlesForming,
        issues: c.issues,
      },
    });
  };
