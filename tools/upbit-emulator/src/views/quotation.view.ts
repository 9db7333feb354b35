import type { Candle } from '../market/candle-series.js';
import type { PublicTrade } from '../market/market-history.js';
import type { SyntheticBook } from '../market/synthetic-book.js';
import type { TickerData } from '../market/ticker.js';
import { num } from '../util/decimal-wire.js';
import { compactDateTime, localIso, utcDate, utcDateAndTime } from '../util/time-format.js';

/** A `/v1/ticker` entry (JSON numbers, as the quotation API writes them). */
export function tickerView(t: TickerData): Record<string, unknown> {
  const utc = compactDateTime(t.tradeTimestamp, 'utc');
  const kst = compactDateTime(t.tradeTimestamp, 'kst');
  return {
    market: t.market,
    trade_date: utc.date,
    trade_time: utc.time,
    trade_date_kst: kst.date,
    trade_time_kst: kst.time,
    trade_timestamp: t.tradeTimestamp,
    opening_price: num(t.openingPrice),
    high_price: num(t.highPrice),
    low_price: num(t.lowPrice),
    trade_price: num(t.tradePrice),
    prev_closing_price: num(t.prevClosingPrice),
    change: t.change,
    change_price: num(t.changePrice),
    change_rate: num(t.changeRate),
    signed_change_price: num(t.signedChangePrice),
    signed_change_rate: num(t.signedChangeRate),
    trade_volume: num(t.tradeVolume),
    acc_trade_price: num(t.accTradePrice),
    acc_trade_price_24h: num(t.accTradePrice24h),
    acc_trade_volume: num(t.accTradeVolume),
    acc_trade_volume_24h: num(t.accTradeVolume24h),
    highest_52_week_price: num(t.highest52Week.price),
    highest_52_week_date: utcDate(t.highest52Week.at),
    lowest_52_week_price: num(t.lowest52Week.price),
    lowest_52_week_date: utcDate(t.lowest52Week.at),
    timestamp: t.timestamp,
  };
}

/** A `/v1/trades/ticks` entry. */
export function tickView(t: PublicTrade): Record<string, unknown> {
  const { date, time } = utcDateAndTime(t.timestamp);
  return {
    market: t.market,
    trade_date_utc: date,
    trade_time_utc: time,
    timestamp: t.timestamp,
    trade_price: num(t.price),
    trade_volume: num(t.volume),
    prev_closing_price: num(t.prevClosingPrice),
    change_price: num(t.price.minus(t.prevClosingPrice)),
    ask_bid: t.askBid,
    sequential_id: t.sequentialId,
  };
}

/** A `/v1/orderbook` entry with at most `levels` units. */
export function orderbookView(
  market: string,
  book: SyntheticBook,
  now: number,
  levels: number,
): Record<string, unknown> {
  const units = book.asks.slice(0, levels).map((ask, i) => {
    const bid = book.bids[i];
    return {
      ask_price: num(ask.price),
      bid_price: bid ? num(bid.price) : 0,
      ask_size: num(ask.size),
      bid_size: bid ? num(bid.size) : 0,
    };
  });
  return {
    market,
    timestamp: now,
    total_ask_size: num(book.total('asks')),
    total_bid_size: num(book.total('bids')),
    orderbook_units: units,
    level: 0,
  };
}

/** The fields every candle shares (`/v1/candles/*`). */
export function candleView(market: string, c: Candle): Record<string, unknown> {
  return {
    market,
    candle_date_time_utc: localIso(c.start, 'utc'),
    candle_date_time_kst: localIso(c.start, 'kst'),
    opening_price: num(c.open),
    high_price: num(c.high),
    low_price: num(c.low),
    trade_price: num(c.close),
    timestamp: c.lastTimestamp,
    candle_acc_trade_price: num(c.accPrice),
    candle_acc_trade_volume: num(c.accVolume),
  };
}
