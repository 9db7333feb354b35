import { serveOps, type Bus, type OpsServer } from '@hoga/bus';
import type { Logger } from '@hoga/telemetry';
import type { Clock } from '@hoga/upbit';
import type { UpbitCandleHistory } from '../adapters/candle-history.client.js';
import { historyHandler } from './history.handler.js';
import type { FeedCounters } from './market-data.handler.js';
import type { MarketWatch } from './market-watch.js';
import { statusHandler } from './status.handler.js';
import { watchHandler } from './watch.handler.js';

/**
 * Serves the feed's operator endpoints as the NATS micro service `hoga-market-feed` (plain
 * request/reply in-process): `history` and `status` are answered by one instance of the queue
 * group, `watch` by every instance (each streams what it is asked for).
 */
export function serveFeedOps(
  bus: Bus,
  deps: {
    readonly history: UpbitCandleHistory;
    readonly watch: MarketWatch;
    readonly counters: FeedCounters;
    readonly clock: Clock;
    readonly logger: Logger;
  },
): Promise<OpsServer> {
  const { history, watch, clock, logger } = deps;
  const answerHistory = historyHandler(history, clock, logger);
  const answerWatch = watchHandler(watch, clock);
  const answerStatus = statusHandler(watch, deps.counters);
  return serveOps(
    bus,
    'market-feed',
    {
      history: (request) => answerHistory(request),
      watch: (request) => answerWatch(request),
      status: (request) => answerStatus(request),
    },
    { broadcast: ['watch'], logger },
  );
}
