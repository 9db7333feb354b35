import { logStreamLimits, logStreamSpec } from '@hoga/bus';
import { logLimitsFromEnv } from '@hoga/config';
import type { GatewayModule } from '../gateway-context.js';
import { decodeRequest } from '../../adapters/http/api-error.js';
import { LiveLogLines } from './live-log-lines.js';
import { readLogPage } from './log-history.js';
import { LogsQuery } from './logs-query.codec.js';

/** How often skipped live lines are logged at most. */
const REPORT_EVERY_MS = 60_000;

/**
 * The services' logs (ADR 0042): `GET /api/logs` (viewer) pages the LOGS stream's history,
 * newest first; `logs/<service>` carries the live lines, rate-capped per service. The gateway
 * declares the stream with the engine's limits (`HOGA_LOGS__*`), as every service does.
 */
export const logsModule: GatewayModule = {
  name: 'logs',
  async start(ctx, app) {
    const stream = logStreamSpec(logStreamLimits(logLimitsFromEnv()));
    await ctx.bus.declareStream(stream);
    app.get('/api/logs', { preHandler: ctx.guards.viewer }, async (request) =>
      readLogPage(ctx.bus, stream, decodeRequest(LogsQuery, request.query, 'query')),
    );
    const live = new LiveLogLines(ctx.live, ctx.now);
    await live.start(ctx.bus);
    let reported = 0;
    const timer = setInterval(() => {
      const { skipped } = live.stats();
      if (skipped > reported)
        ctx.logger.warn('logs: live lines skipped (more than the per-second cap)', {
          skipped: skipped - reported,
          skippedTotal: skipped,
        });
      reported = skipped;
    }, REPORT_EVERY_MS).unref();
    return async () => {
      clearInterval(timer);
      await live.stop();
    };
  },
};
