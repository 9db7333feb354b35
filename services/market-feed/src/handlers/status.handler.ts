import type { FeedStatusReply, GetFeedStatus } from '@hoga/contracts';
import type { Clock } from '@hoga/upbit';
import type { SourceHealth } from '../adapters/source.port.js';
import type { TickAges } from '../domain/tick-ages.js';
import type { FeedCounters } from './market-data.handler.js';
import type { MarketWatch } from './market-watch.js';

/** What the status answer reads. */
export interface StatusDeps {
  readonly watch: MarketWatch;
  readonly counters: FeedCounters;
  readonly ages: TickAges;
  readonly health: () => SourceHealth;
  readonly clock: Clock;
}

/**
 * Answers `hoga.ops.market-feed.status`: the markets streamed and what the feed did with the
 * frames it received — every frame refused by reason (ADR 0024) — each market's last-tick age
 * (feed clock) and the source's connection (connected, connections, stalls, resyncs; ADR 0029).
 * A market whose age grows while positions hold coins is what risk-guard's watchdog alerts on.
 * Each instance answers for itself.
 */
export const statusHandler =
  (deps: StatusDeps) =>
  (_request: GetFeedStatus): Promise<FeedStatusReply> => {
    const c = deps.counters;
    const markets = deps.watch.markets();
    return Promise.resolve({
      ok: true,
      markets,
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
      lastTicks: deps.ages.ages(markets, deps.clock.now()),
      source: deps.health(),
    });
  };
