import type { Bus, Subscription } from '@hoga/bus';
import type { Logger } from '@hoga/telemetry';
import type { Clock } from '@hoga/upbit';
import type { UpbitCandleHistory } from '../adapters/candle-history.client.js';
import { subjects } from '@hoga/contracts';
import { historyHandler } from './history.handler.js';
import type { MarketWatch } from './market-watch.js';
import { watchHandler } from './watch.handler.js';

/**
 * Answers the feed's ops endpoints with plain `bus.reply`: `history` in the queue group
 * `market-feed` (any instance may answer), `watch` on every instance (each streams what it is
 * asked for). Once the endpoints are in the contracts' `OPS` catalog this becomes `serveOps(bus,
 * 'market-feed', { history, watch })` from `@hoga/bus` (a NATS micro service); the handlers
 * already have its `(request) => reply` shape.
 */
export function replyToFeedOps(
  bus: Bus,
  deps: {
    readonly history: UpbitCandleHistory;
    readonly watch: MarketWatch;
    readonly clock: Clock;
    readonly logger: Logger;
  },
): Promise<Subscription[]> {
  const { history, watch, clock, logger } = deps;
  const answerHistory = historyHandler(history, clock, logger);
  const answerWatch = watchHandler(watch, clock);
  return Promise.all([
    bus.reply(subjects.ops('market-feed', 'history'), (d) => answerHistory(d.data), {
      queue: 'market-feed',
    }),
    bus.reply(subjects.ops('market-feed', 'watch'), (d) => answerWatch(d.data)),
  ]);
}
