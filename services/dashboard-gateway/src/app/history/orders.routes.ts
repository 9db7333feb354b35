import type { FastifyInstance } from 'fastify';
import { OrderRequest } from '@hoga/contracts';
import { DecimalC } from '@hoga/model';
import type { OrderTrack } from '@hoga/position';
import type { GatewayContext } from '../gateway-context.js';
import { ApiError, decodeRequest } from '../../adapters/http/api-error.js';
import { readExecutorRecords, type ExecutorRecords } from './executor-orders.reader.js';
import { PositionParams } from './history-requests.codec.js';
import { foldEvents } from './position-fold.js';
import { readPositionEvents } from './stored-events.js';

/** One order of a position: what it asked, what it knows, what order-executor recorded. */
function orderView(track: OrderTrack, records: ExecutorRecords) {
  const orderId = track.request.orderId;
  return {
    orderId,
    request: OrderRequest.encode(track.request),
    /** The position's own account of the order (its stored events). */
    position: {
      filledVolume: DecimalC.encode(track.filled.volume),
      filledFunds: DecimalC.encode(track.filled.funds),
      end:
        track.end === null
          ? null
          : { state: track.end.state, executedVolume: DecimalC.encode(track.end.executedVolume) },
      failure: track.failure,
      failureCode: track.failureCode,
    },
    /** order-executor's row; null when it has none (not yet recorded, or no tables). */
    executor: records.orders.get(orderId) ?? null,
    trades: records.trades.filter((trade) => trade.orderId === orderId),
  };
}

/**
 * `GET /api/positions/:id/orders`: every order the position asked for (from its events, oldest
 * first) with order-executor's record and trades (its `orders` and `trades` tables, read-only).
 */
export function registerOrderRoutes(app: FastifyInstance, ctx: GatewayContext): void {
  app.get('/api/positions/:id/orders', { preHandler: ctx.guards.viewer }, async (request) => {
    const { id } = decodeRequest(PositionParams, request.params, 'params');
    const stored = await readPositionEvents(ctx.store, id);
    if (stored.length === 0) throw new ApiError('not-found', `no position ${id}`);
    const tracks = foldEvents(stored.map((s) => s.event)).snapshot.context.orders;
    const records = await readExecutorRecords(
      ctx.pool,
      tracks.map((track) => track.request.orderId),
    );
    return {
      positionId: id,
      executorTables: records.tables,
      orders: tracks.map((track) => orderView(track, records)),
    };
  });
}
