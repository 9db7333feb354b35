import { type Decimal, ZERO } from '@hoga/model';
import { DAY_MS, MINUTE_MS } from './candle-series.js';
import type { MarketRuntime } from './market-runtime.js';

/** A market's ticker in exact decimals (views turn it into JSON numbers). */
export interface TickerData {
  readonly market: string;
  readonly tradePrice: Decimal;
  readonly openingPrice: Decimal;
  readonly highPrice: Decimal;
  readonly lowPrice: Decimal;
  readonly prevClosingPrice: Decimal;
  readonly change: 'RISE' | 'EVEN' | 'FALL';
  readonly changePrice: Decimal;
  readonly changeRate: Decimal;
  readonly signedChangePrice: Decimal;
  readonly signedChangeRate: Decimal;
  readonly tradeVolume: Decimal;
  readonly askBid: 'ASK' | 'BID';
  readonly accTradePrice: Decimal;
  readonly accTradeVolume: Decimal;
  readonly accTradePrice24h: Decimal;
  readonly accTradeVolume24h: Decimal;
  readonly accAskVolume: Decimal;
  readonly accBidVolume: Decimal;
  readonly highest52Week: { readonly price: Decimal; readonly at: number };
  readonly lowest52Week: { readonly price: Decimal; readonly at: number };
  readonly tradeTimestamp: number;
  readonly timestamp: number;
}

/** Computes the ticker of a market at `now` from its history (UTC day, rolling 24 h, 52 weeks). */
export function tickerOf(runtime: MarketRuntime, now: number): TickerData {
  const h = runtime.history;
  const last = h.last();
  const price = last?.price ?? runtime.price;
  const today = h.days.latest();
  const sameDay = today !== undefined && today.start === Math.floor(now / DAY_MS) * DAY_MS;
  const prev = h.prevClose(now) ?? price;
  const diff = price.minus(prev);
  const rate = prev.isZero() ? ZERO : diff.div(prev).toDecimalPlaces(10);
  const rolling = rolling24h(runtime, now);
  const year = extremes(runtime, now, price, last?.timestamp ?? now);
  return {
    market: runtime.code,
    tradePrice: price,
    openingPrice: sameDay ? today.open : price,
    highPrice: sameDay ? today.high : price,
    lowPrice: sameDay ? today.low : price,
    prevClosingPrice: prev,
    change: diff.isZero() ? 'EVEN' : diff.gt(0) ? 'RISE' : 'FALL',
    changePrice: diff.abs(),
    changeRate: rate.abs(),
    signedChangePrice: diff,
    signedChangeRate: rate,
    tradeVolume: last?.volume ?? ZERO,
    askBid: last?.askBid ?? 'BID',
    accTradePrice: sameDay ? today.accPrice : ZERO,
    accTradeVolume: sameDay ? today.accVolume : ZERO,
    accAskVolume: sameDay ? today.askVolume : ZERO,
    accBidVolume: sameDay ? today.bidVolume : ZERO,
    accTradePrice24h: rolling.price,
    accTradeVolume24h: rolling.volume,
    highest52Week: year.high,
    lowest52Week: year.low,
    tradeTimestamp: last?.timestamp ?? now,
    timestamp: now,
  };
}

function rolling24h(runtime: MarketRuntime, now: number): { price: Decimal; volume: Decimal } {
  const minutes = runtime.history.minutes.candles;
  const from = now - DAY_MS;
  let price = ZERO;
  let volume = ZERO;
  for (let i = minutes.length - 1; i >= 0 && minutes[i]!.start + MINUTE_MS > from; i--) {
    price = price.plus(minutes[i]!.accPrice);
    volume = volume.plus(minutes[i]!.accVolume);
  }
  return { price, volume };
}

type Extreme = { price: Decimal; at: number };

function extremes(
  runtime: MarketRuntime,
  now: number,
  price: Decimal,
  at: number,
): { high: Extreme; low: Extreme } {
  let high: Extreme = { price, at };
  let low: Extreme = { price, at };
  for (const d of runtime.history.days.candles) {
    if (d.start < now - 365 * DAY_MS) continue;
    if (d.high.gt(high.price)) high = { price: d.high, at: d.start };
    if (d.low.lt(low.price)) low = { price: d.low, at: d.start };
  }
  return { high, low };
}
