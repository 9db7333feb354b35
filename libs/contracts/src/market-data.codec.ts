import * as t from 'io-ts';
import { Market, NonNegativeKrwC, PriceC, VolumeC } from '@hoga/model';
import { envelope, IsoDateTime } from './envelope.js';
import { NonNegativeIntC, refine, nullable } from './codec-helpers.js';

/** Which side took liquidity: `bid` a buyer hit the asks, `ask` a seller hit the bids. */
export const TradeSide = t.keyof({ ask: null, bid: null }, 'TradeSide');
export type TradeSide = t.TypeOf<typeof TradeSide>;

/**
 * One public trade on a market (Upbit `trade` stream), on `hoga.md.tick.<market>`.
 * `sequentialId` is Upbit's per-trade sequence: equal ids are the same trade (a reconnect
 * snapshot repeats the last one). Best bid/ask are null when the source does not give them.
 */
export const Tick = envelope(
  'Tick',
  t.strict({
    market: Market,
    price: PriceC,
    volume: VolumeC,
    side: TradeSide,
    /** Exchange trade time, epoch milliseconds. */
    tradeTimestamp: NonNegativeIntC,
    sequentialId: NonNegativeIntC,
    bestBid: nullable(PriceC),
    bestAsk: nullable(PriceC),
  }),
);
export type Tick = t.TypeOf<typeof Tick>;

const INTERVAL_MS = {
  '1s': 1_000,
  '1m': 60_000,
  '3m': 180_000,
  '5m': 300_000,
  '10m': 600_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '60m': 3_600_000,
  '240m': 14_400_000,
  '1d': 86_400_000,
} as const;

/** Candle intervals: Upbit's minute units, plus seconds and days. */
export const CandleInterval = t.keyof(INTERVAL_MS, 'CandleInterval');
export type CandleInterval = t.TypeOf<typeof CandleInterval>;
/** Every candle interval, shortest first. */
export const CANDLE_INTERVALS = Object.keys(INTERVAL_MS) as readonly CandleInterval[];
/** The length of an interval in milliseconds. */
export const candleIntervalMs = (interval: CandleInterval): number => INTERVAL_MS[interval];

const CandleData = t.strict({
  market: Market,
  interval: CandleInterval,
  /** Start of the candle (UTC, inclusive). */
  openTime: IsoDateTime,
  open: PriceC,
  high: PriceC,
  low: PriceC,
  close: PriceC,
  /** Base-currency volume traded in the candle. */
  volume: VolumeC,
  /** KRW traded in the candle (sum of price * volume). */
  turnoverKrw: NonNegativeKrwC,
  /** False while the candle is still forming: indicators update only on closed candles. */
  closed: t.boolean,
});

/**
 * An OHLCV candle, on `hoga.md.candle.<interval>.<market>`. Checked: low <= open, close <= high,
 * and `openTime` falls on the interval grid in UTC (Upbit's 4-hour and day candles start at
 * 09:00 KST = 00:00 UTC, so every interval aligns in UTC).
 */
export const Candle = envelope(
  'Candle',
  refine(
    CandleData,
    (c) =>
      Date.parse(c.openTime) % candleIntervalMs(c.interval) === 0 &&
      c.low.lte(c.high) &&
      c.low.lte(c.open) &&
      c.low.lte(c.close) &&
      c.high.gte(c.open) &&
      c.high.gte(c.close),
    'CandleData(on the interval grid, low <= open, close <= high)',
  ),
);
export type Candle = t.TypeOf<typeof Candle>;
