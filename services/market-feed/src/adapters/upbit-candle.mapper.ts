import { candleIntervalMs, type CandleInterval } from '@hoga/contracts';
import type { Krw, Market } from '@hoga/model';
import type { UpbitCandle } from '@hoga/upbit';
import type { CandleData } from '@hoga/contracts';

/** Upbit answered a candle the feed cannot use (a time off the interval grid, unreadable). */
export class UnexpectedCandleError extends Error {
  override readonly name = 'UnexpectedCandleError';
}
/** Type guard for {@link UnexpectedCandleError}. */
export const isUnexpectedCandleError = (e: unknown): e is UnexpectedCandleError =>
  e instanceof UnexpectedCandleError;

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

/**
 * `candle_date_time_utc` (`2026-11-23T09:00:00`, no zone: it is UTC) as epoch ms. A value that
 * already carries a zone is read as written.
 */
export function parseCandleTimeUtc(text: string): number {
  const ms = Date.parse(LOCAL_TIME.test(text) ? `${text}Z` : text);
  if (Number.isNaN(ms))
    throw new UnexpectedCandleError(`unreadable candle time ${JSON.stringify(text)}`);
  return ms;
}

/** An Upbit candle as closed candle data of `market` and `interval`, on the UTC grid. */
export function candleFromUpbit(
  c: UpbitCandle,
  market: Market,
  interval: CandleInterval,
): { readonly openMs: number; readonly data: CandleData } {
  const openMs = parseCandleTimeUtc(c.candle_date_time_utc);
  if (openMs % candleIntervalMs(interval) !== 0)
    throw new UnexpectedCandleError(
      `candle ${c.candle_date_time_utc} of ${market} is off the ${interval} grid`,
    );
  if (c.candle_acc_trade_price.lt(0))
    throw new UnexpectedCandleError(
      `candle ${c.candle_date_time_utc} of ${market} has negative turnover`,
    );
  return {
    openMs,
    data: {
      market,
      interval,
      openTime: new Date(openMs).toISOString(),
      open: c.opening_price,
      high: c.high_price,
      low: c.low_price,
      close: c.trade_price,
      volume: c.candle_acc_trade_volume,
      turnoverKrw: c.candle_acc_trade_price as Krw,
      closed: true,
    },
  };
}
