import { opsFailure, type OpsErrorCode } from '@hoga/contracts';
import type { Logger } from '@hoga/telemetry';
import {
  isBlocked,
  isRateLimited,
  isUpbitApiError,
  isUpbitNetworkError,
  type Clock,
} from '@hoga/upbit';
import type { HistoryQuery, UpbitCandleHistory } from '../adapters/candle-history.client.js';
import type { CandleHistoryReply, GetCandleHistory } from '@hoga/contracts';

/** The failure code for an error of the candle fetch. */
function codeOf(error: unknown): OpsErrorCode {
  if (isUpbitApiError(error) && error.status === 404) return 'not-found';
  if (isUpbitApiError(error) && error.status === 400) return 'bad-request';
  if (isRateLimited(error) || isBlocked(error) || isUpbitNetworkError(error)) return 'unavailable';
  return 'internal';
}

const messageOf = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).slice(0, 1000);

/**
 * Answers `hoga.ops.market-feed.history`: the last `count` closed candles from Upbit, oldest
 * first. Upbit failures are answered as ops failures (`not-found` for an unknown market,
 * `unavailable` for rate limits and network trouble), never thrown.
 */
export const historyHandler =
  (history: Pick<UpbitCandleHistory, 'closedCandles'>, clock: Clock, logger: Logger) =>
  async (request: GetCandleHistory): Promise<CandleHistoryReply> => {
    const { market, interval, count, to } = request.data;
    const query: HistoryQuery = {
      market,
      interval,
      count,
      ...(to === null ? {} : { to: Date.parse(to) }),
    };
    try {
      const candles = await history.closedCandles(query, clock.now());
      return { ok: true, market, interval, candles };
    } catch (error) {
      const code = codeOf(error);
      logger.warn('market-feed: candle history failed', { market, interval, code, error });
      return opsFailure(code, messageOf(error));
    }
  };
