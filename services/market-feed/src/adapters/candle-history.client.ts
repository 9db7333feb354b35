import { candleIntervalMs } from '@hoga/contracts';
import type { Market } from '@hoga/model';
import type { MinuteUnit, QuotationApi, UpbitCandle } from '@hoga/upbit';
import type { CandleData, HistoryInterval } from '@hoga/contracts';
import { candleFromUpbit } from './upbit-candle.mapper.js';

/** Upbit's largest candle page. */
export const UPBIT_CANDLE_PAGE = 200;

/** What to fetch. */
export interface HistoryQuery {
  readonly market: Market;
  readonly interval: HistoryInterval;
  readonly count: number;
  /** Exclusive end (ms); undefined = now. */
  readonly to?: number;
}

const MINUTE_UNITS: Readonly<Record<Exclude<HistoryInterval, '1d'>, MinuteUnit>> = {
  '1m': 1,
  '3m': 3,
  '5m': 5,
  '10m': 10,
  '15m': 15,
  '30m': 30,
  '60m': 60,
  '240m': 240,
};

/**
 * Closed candles from Upbit's candle API (`/v1/candles/minutes/{unit}`, `/v1/candles/days`):
 * pages of at most 200, newest first, walked back with `to` (exclusive) = the oldest candle seen,
 * until `count` closed candles are in hand or Upbit has no older ones. The candle still forming
 * at `now` (Upbit includes it) is left out. Returned oldest first.
 */
export class UpbitCandleHistory {
  constructor(private readonly quotation: Pick<QuotationApi, 'minuteCandles' | 'dayCandles'>) {}

  async closedCandles(q: HistoryQuery, now: number): Promise<CandleData[]> {
    const intervalMs = candleIntervalMs(q.interval);
    const newestFirst: CandleData[] = [];
    // Upbit takes `to` to the second; rounding up keeps a candle opening before a ms `to`.
    let cursor = q.to === undefined ? undefined : Math.ceil(q.to / 1000) * 1000;
    while (newestFirst.length < q.count) {
      const want = Math.min(UPBIT_CANDLE_PAGE, q.count - newestFirst.length + 1);
      const page = (await this.#page(q, cursor, want))
        .map((c) => candleFromUpbit(c, q.market, q.interval))
        .sort((a, b) => b.openMs - a.openMs);
      const oldest = page[page.length - 1]?.openMs;
      if (oldest === undefined || (cursor !== undefined && oldest >= cursor)) break;
      const before = cursor ?? Number.POSITIVE_INFINITY;
      for (const c of page)
        if (c.openMs < before && c.openMs + intervalMs <= now && newestFirst.length < q.count)
          newestFirst.push(c.data);
      if (page.length < want) break;
      cursor = oldest;
    }
    return newestFirst.reverse();
  }

  #page(q: HistoryQuery, to: number | undefined, count: number): Promise<readonly UpbitCandle[]> {
    const query = { market: q.market, count, ...(to === undefined ? {} : { to: new Date(to) }) };
    return q.interval === '1d'
      ? this.quotation.dayCandles(query)
      : this.quotation.minuteCandles(MINUTE_UNITS[q.interval], query);
  }
}
