import type { FastifyInstance } from 'fastify';
import type { GatewayContext } from '../gateway-context.js';
import { decodeRequest } from '../../adapters/http/api-error.js';
import type { HistoryReadModel } from './history-read-model.js';
import { TimelineQuery } from './history-requests.codec.js';

/**
 * `GET /api/timeline?from=&to=&kind=&limit=&cursor=`: the engine-wide timeline (entries, exits,
 * fills, errors, halts, risk moves, operator commands) oldest first, keyset-paged.
 */
export function registerTimelineRoutes(
  app: FastifyInstance,
  ctx: GatewayContext,
  model: HistoryReadModel,
): void {
  app.get('/api/timeline', { preHandler: ctx.guards.viewer }, async (request) =>
    model.timeline(decodeRequest(TimelineQuery, request.query, 'query')),
  );
}
