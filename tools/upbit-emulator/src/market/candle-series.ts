import { type Decimal, ZERO } from '@hoga/model';

/** One OHLCV bucket. `start` is the bucket's opening time (ms, UTC-aligned). */
export interface Candle {
  readonly start: number;
  readonly open: Decimal;
  high: Decimal;
  low: Decimal;
  close: Decimal;
  accPrice: Decimal;
  accVolume: Decimal;
  askVolume: Decimal;
  bidVolume: Decimal;
  /** Time of the last trade in the bucket. */
  lastTimestamp: number;
}

/** What a candle needs from a trade. */
export interface CandleTrade {
  readonly price: Decimal;
  readonly volume: Decimal;
  readonly askBid: 'ASK' | 'BID';
  readonly timestamp: number;
}

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const DAY_MS = 24 * 60 * MINUTE_MS;

/** Candles of one fixed unit, oldest first, at most `cap` kept. Buckets without trades are absent. */
export class CandleSeries {
  readonly candles: Candle[] = [];

  constructor(
    readonly unitMs: number,
    private readonly cap: number,
  ) {}

  /** Folds a trade into its bucket (a trade older than the newest bucket joins that bucket). */
  add(t: CandleTrade): void {
    const start = Math.floor(t.timestamp / this.unitMs) * this.unitMs;
    const last = this.candles[this.candles.length - 1];
    if (last && start <= last.start) {
      mergeTrade(last, t);
      return;
    }
    this.candles.push(newCandle(start, t));
    if (this.candles.length > this.cap) this.candles.splice(0, this.candles.length - this.cap);
  }

  /** The newest candle. */
  latest(): Candle | undefined {
    return this.candles[this.candles.length - 1];
  }
}

function newCandle(start: number, t: CandleTrade): Candle {
  const funds = t.price.mul(t.volume);
  return {
    start,
    open: t.price,
    high: t.price,
    low: t.price,
    close: t.price,
    accPrice: funds,
    accVolume: t.volume,
    askVolume: t.askBid === 'ASK' ? t.volume : ZERO,
    bidVolume: t.askBid === 'BID' ? t.volume : ZERO,
    lastTimestamp: t.timestamp,
  };
}

function mergeTrade(c: Candle, t: CandleTrade): void {
  if (t.price.gt(c.high)) c.high = t.price;
  if (t.price.lt(c.low)) c.low = t.price;
  c.close = t.price;
  c.accPrice = c.accPrice.plus(t.price.mul(t.volume));
  c.accVolume = c.accVolume.plus(t.volume);
  if (t.askBid === 'ASK') c.askVolume = c.askVolume.plus(t.volume);
  else c.bidVolume = c.bidVolume.plus(t.volume);
  c.lastTimestamp = Math.max(c.lastTimestamp, t.timestamp);
}

/** Merges ascending candles into coarser buckets (`bucketOf(start)` gives a bucket's start). */
export function aggregate(
  candles: readonly Candle[],
  bucketOf: (start: number) => number,
): Candle[] {
  const out: Candle[] = [];
  for (const c of candles) {
    const start = bucketOf(c.start);
    const last = out[out.length - 1];
    if (last && last.start === start) {
      if (c.high.gt(last.high)) last.high = c.high;
      if (c.low.lt(last.low)) last.low = c.low;
      last.close = c.close;
      last.accPrice = last.accPrice.plus(c.accPrice);
      last.accVolume = last.accVolume.plus(c.accVolume);
      last.askVolume = last.askVolume.plus(c.askVolume);
      last.bidVolume = last.bidVolume.plus(c.bidVolume);
      last.lastTimestamp = Math.max(last.lastTimestamp, c.lastTimestamp);
    } else {
      out.push({ ...c, start });
    }
  }
  return out;
}

/** Bucket functions for Upbit's candle units (UTC-aligned; weeks start on Monday). */
export const buckets = {
  minutes: (unit: number) => (start: number) =>
    Math.floor(start / (unit * MINUTE_MS)) * unit * MINUTE_MS,
  week: (start: number) =>
    start - ((((start - 4 * DAY_MS) % (7 * DAY_MS)) + 7 * DAY_MS) % (7 * DAY_MS)),
  month: (start: number) => {
    const d = new Date(start);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  },
  year: (start: number) => Date.UTC(new Date(start).getUTCFullYear(), 0, 1),
};
