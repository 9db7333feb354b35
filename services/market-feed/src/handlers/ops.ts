import { serveOps, type Bus, type OpsServer } from '@hoga/bus';
import type { Logger } from '@hoga/telemetry';
import type { Clock } from '@hoga/upbit';
import type { UpbitCandleHistory } from '../adapters/candle-history.client.js';
import { historyHandler } from './history.handler.js';
import type { MarketWatch } from './market-watch.js';
import { statusHandler, type StatusDeps } from './status.handler.js';
import { watchHandler } from './watch.handler.js';

/**
 * Serves the feed's operator endpoints as the NATS micro service `hoga-market-feed` (plain
 * request/reply in-process): `history` and `status` are answered by one instance of the queue
 * group, `watch` by every instance (each streams what it is asked for). `status` gives the
 * frame counts, each market's last-tick age and the source's connection.
 */
export function serveFeedOps(
  bus: Bus,
  deps: {
    readonly history: UpbitCandleHistory;
    readonly watch: MarketWatch;
    readonly clock: Clock;
    readonly logger: Logger;
    readonly status: Omit<StatusDeps, 'watch' | 'clock'>;
  },
): Promise<OpsServer> {
  const { history, watch, clock, logger } = deps;
  const answerHistory = historyHandler(history, clock, logger);
  const answerWatch = watchHandler(watch, clock);
  const answerStatus = statusHandler({ ...deps.status, watch, clock });
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
