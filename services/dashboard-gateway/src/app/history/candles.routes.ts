import type { FastifyInstance } from 'fastify';
import { isBusNoRespondersError, isBusTimeoutError, opsRequest, requestOps } from '@hoga/bus';
import { CandleDataC, type OpsErrorCode } from '@hoga/contracts';
import type { GatewayContext } from '../gateway-context.js';
import { ApiError, decodeRequest, type ApiErrorCode } from '../../adapters/http/api-error.js';
import { CandlesParams, CandlesQuery } from './history-requests.codec.js';

/** Candles asked for when the query names no count. */
export const DEFAULT_CANDLES = 200;
/** How long market-feed has to answer (it asks Upbit). */
const HISTORY_TIMEOUT_MS = 10_000;

/** market-feed's refusal, as the gateway's (its failures are the feed's or Upbit's: 503). */
const CODE: Readonly<Record<OpsErrorCode, ApiErrorCode>> = {
  'bad-request': 'bad-request',
  'not-found': 'not-found',
  conflict: 'conflict',
  denied: 'denied',
  unavailable: 'unavailable',
  internal: 'unavailable',
};

/**
 * `GET /api/markets/:market/candles?interval=&count=`: the market's last closed candles,
 * oldest first, from market-feed's `history` ops endpoint; market-feed down or silent is a
 * typed 503 `unavailable`.
 */
export function registerCandleRoutes(app: FastifyInstance, ctx: GatewayContext): void {
  app.get('/api/markets/:market/candles', { preHandler: ctx.guards.viewer }, async (request) => {
    const { market } = decodeRequest(CandlesParams, request.params, 'params');
    const query = decodeRequest(CandlesQuery, request.query, 'query');
    const ask = opsRequest(
      'market-feed',
      'history',
      { market, interval: query.interval, count: query.count ?? DEFAULT_CANDLES, to: null },
      ctx.now(),
    );
    if (ask._tag === 'Left') throw new ApiError('bad-request', ask.left.message);
    const reply = await requestOps(ctx.bus, 'market-feed', 'history', ask.right, {
      timeoutMs: HISTORY_TIMEOUT_MS,
    }).catch((error: unknown) => {
      if (isBusNoRespondersError(error) || isBusTimeoutError(error))
        throw new ApiError('unavailable', 'market-feed is not answering: try again later');
      throw error;
    });
    if (!reply.ok)
      throw new ApiError(CODE[reply.error.code], `market-feed: ${reply.error.message}`);
    return {
      market: reply.market,
      interval: reply.interval,
      candles: reply.candles.map((candle) => CandleDataC.encode(candle)),
    };
  });
}
