import type { FastifyInstance } from 'fastify';
import { storedEnvelope } from '@hoga/event-store';
import type { PositionId } from '@hoga/model';
import type { GatewayContext } from '../gateway-context.js';
import { ApiError, decodeRequest } from '../../adapters/http/api-error.js';
import type { HistoryReadModel } from './history-read-model.js';
import { PositionParams, PositionsQuery } from './history-requests.codec.js';
import {
  EMPTY_FOLD,
  foldEvent,
  investedKrwOf,
  summaryOf,
  type PositionFold,
} from './position-fold.js';
import { readPositionEvents } from './stored-events.js';

const noSuchPosition = (id: string) => new ApiError('not-found', `no position ${id}`);

/** A position's stored events folded one by one: each with the fold after it. */
async function foldedEvents(ctx: GatewayContext, id: PositionId) {
  const stored = await readPositionEvents(ctx.store, id);
  if (stored.length === 0) throw noSuchPosition(id);
  let fold: PositionFold = EMPTY_FOLD;
  return stored.map(({ row, event }) => {
    fold = foldEvent(fold, event);
    return { row, event, fold };
  });
}

/**
 * `GET /api/positions` (the read model, keyset-paged), `GET /api/positions/:id` and
 * `GET /api/positions/:id/events` (the store, folded by libs/position's machine).
 */
export function registerPositionRoutes(
  app: FastifyInstance,
  ctx: GatewayContext,
  model: HistoryReadModel,
): void {
  app.get('/api/positions', { preHandler: ctx.guards.viewer }, async (request) =>
    model.positions(decodeRequest(PositionsQuery, request.query, 'query')),
  );

  app.get('/api/positions/:id', { preHandler: ctx.guards.viewer }, async (request) => {
    const { id } = decodeRequest(PositionParams, request.params, 'params');
    const folded = await foldedEvents(ctx, id);
    const last = folded.at(-1);
    if (last === undefined) throw noSuchPosition(id);
    return summaryOf(last.fold);
  });

  app.get('/api/positions/:id/events', { preHandler: ctx.guards.viewer }, async (request) => {
    const { id } = decodeRequest(PositionParams, request.params, 'params');
    const folded = await foldedEvents(ctx, id);
    return {
      positionId: id,
      events: folded.map(({ row, fold }) => ({
        version: row.streamVersion,
        recordedAt: row.recordedAt.toISOString(),
        event: storedEnvelope(row),
        stateAfter: summaryOf(fold).state,
        investedKrwAfter: investedKrwOf(fold.snapshot),
      })),
    };
  });
}
