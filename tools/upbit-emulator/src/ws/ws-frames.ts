import type { Holding } from '../exchange/ledger.js';
import type { OrderChange } from '../exchange/exchange.js';
import type { OrderSnapshot } from '../exchange/order.js';
import type { Candle } from '../market/candle-series.js';
import type { PublicTrade } from '../market/market-history.js';
import type { SyntheticBook } from '../market/synthetic-book.js';
import type { TickerData } from '../market/ticker.js';
import { num } from '../util/decimal-wire.js';
import { compactDateTime, localIso, utcDateAndTime } from '../util/time-format.js';

/** Whether a frame is the state at subscription or a live update. */
export type StreamType = 'SNAPSHOT' | 'REALTIME';
type Frame = Record<string, unknown>;

/** A `ticker` frame (DEFAULT keys). */
export function tickerFrame(t: TickerData, st: StreamType): Frame {
  const utc = compactDateTime(t.tradeTimestamp, 'utc');
  return {
    type: 'ticker',
    code: t.market,
    opening_price: num(t.openingPrice),
    high_price: num(t.highPrice),
    low_price: num(t.lowPrice),
    trade_price: num(t.tradePrice),
    prev_closing_price: num(t.prevClosingPrice),
    change: t.change,
    change_price: num(t.changePrice),
    signed_change_price: num(t.signedChangePrice),
    change_rate: num(t.changeRate),
    signed_change_rate: num(t.signedChangeRate),
    trade_volume: num(t.tradeVolume),
    acc_trade_volume: num(t.accTradeVolume),
    acc_trade_volume_24h: num(t.accTradeVolume24h),
    acc_trade_price: num(t.accTradePrice),
    acc_trade_price_24h: num(t.accTradePrice24h),
    trade_date: utc.date,
    trade_time: utc.time,
    trade_timestamp: t.tradeTimestamp,
    ask_bid: t.askBid,
    acc_ask_volume: num(t.accAskVolume),
    acc_bid_volume: num(t.accBidVolume),
    highest_52_week_price: num(t.highest52Week.price),
    highest_52_week_date: utcDateAndTime(t.highest52Week.at).date,
    lowest_52_week_price: num(t.lowest52Week.price),
    lowest_52_week_date: utcDateAndTime(t.lowest52Week.at).date,
    market_state: 'ACTIVE',
    is_trading_suspended: false,
    delisting_date: null,
    market_warning: 'NONE',
    timestamp: t.timestamp,
    stream_type: st,
  };
}

/** A `trade` frame, with the book's best prices and sizes at the time. */
export function tradeFrame(
  t: PublicTrade,
  book: SyntheticBook,
  now: number,
  st: StreamType,
): Frame {
  const { date, time } = utcDateAndTime(t.timestamp);
  return {
    type: 'trade',
    code: t.market,
    trade_price: num(t.price),
    trade_volume: num(t.volume),
    ask_bid: t.askBid,
    prev_closing_price: num(t.prevClosingPrice),
    change: t.price.gt(t.prevClosingPrice)
      ? 'RISE'
      : t.price.lt(t.prevClosingPrice)
        ? 'FALL'
        : 'EVEN',
    change_price: num(t.price.minus(t.prevClosingPrice).abs()),
    trade_date: date,
    trade_time: time,
    trade_timestamp: t.timestamp,
    timestamp: now,
    sequential_id: t.sequentialId,
    best_ask_price: num(book.bestAsk),
    best_ask_size: num(book.asks[0]?.size ?? book.bestAsk.mul(0)),
    best_bid_price: num(book.bestBid),
    best_bid_size: num(book.bids[0]?.size ?? book.bestBid.mul(0)),
    stream_type: st,
  };
}

/** An `orderbook` frame with `count` units. */
export function orderbookFrame(
  market: string,
  book: SyntheticBook,
  count: number,
  now: number,
  st: StreamType,
): Frame {
  return {
    type: 'orderbook',
    code: market,
    timestamp: now,
    total_ask_size: num(book.total('asks')),
    total_bid_size: num(book.total('bids')),
    orderbook_units: book.asks.slice(0, count).map((a, i) => ({
      ask_price: num(a.price),
      bid_price: book.bids[i] ? num(book.bids[i].price) : 0,
      ask_size: num(a.size),
      bid_size: book.bids[i] ? num(book.bids[i].size) : 0,
    })),
    stream_type: st,
    level: 0,
  };
}

/** A `candle.*` frame. */
export function candleFrame(
  type: string,
  market: string,
  c: Candle,
  now: number,
  st: StreamType,
): Frame {
  return {
    type,
    code: market,
    candle_date_time_utc: localIso(c.start, 'utc'),
    candle_date_time_kst: localIso(c.start, 'kst'),
    opening_price: num(c.open),
    high_price: num(c.high),
    low_price: num(c.low),
    trade_price: num(c.close),
    candle_acc_trade_volume: num(c.accVolume),
    candle_acc_trade_price: num(c.accPrice),
    timestamp: now,
    stream_type: st,
  };
}

const orNull = <T>(v: T | undefined, f: (v: T) => unknown): unknown =>
  v === undefined ? null : f(v);

/** A `myOrder` frame: numbers as JSON numbers; with `state: trade`, `price`/`volume` are the fill's. */
export function myOrderFrame(o: OrderSnapshot, change: OrderChange, now: number): Frame {
  const fill = change.kind === 'trade' ? change.fill : undefined;
  return {
    type: 'myOrder',
    code: o.market,
    uuid: o.uuid,
    ask_bid: o.side === 'bid' ? 'BID' : 'ASK',
    order_type: o.ordType,
    state: change.kind,
    trade_uuid: fill?.uuid ?? null,
    price: fill ? num(fill.price) : orNull(o.price, num),
    avg_price: o.executedVolume.isZero()
      ? 0
      : num(o.executedFunds.div(o.executedVolume).toDecimalPlaces(8)),
    volume: fill ? num(fill.volume) : orNull(o.volume, num),
    remaining_volume: orNull(o.remainingVolume, num),
    executed_volume: num(o.executedVolume),
    trades_count: o.trades.length,
    reserved_fee: num(o.reservedFee),
    remaining_fee: num(o.remainingFee),
    paid_fee: num(o.paidFee),
    locked: num(o.locked),
    executed_funds: num(o.executedFunds),
    time_in_force: o.timeInForce ?? null,
    trade_fee: fill ? num(fill.fee) : null,
    is_maker: fill ? fill.isMaker : null,
    identifier: o.identifier ?? null,
    smp_type: o.smpType ?? null,
    prevented_volume: num(o.preventedVolume),
    prevented_locked: num(o.preventedLocked),
    trade_timestamp: fill ? fill.at : null,
    order_timestamp: o.createdAt,
    timestamp: now,
    stream_type: 'REALTIME',
  };
}

/** A `myAsset` frame for the currencies that changed. */
export function myAssetFrame(assetUuid: string, holdings: readonly Holding[], now: number): Frame {
  return {
    type: 'myAsset',
    asset_uuid: assetUuid,
    assets: holdings.map((h) => ({
      currency: h.currency,
      balance: num(h.balance),
      locked: num(h.locked),
    })),
    asset_timestamp: now,
    timestamp: now,
    stream_type: 'REALTIME',
  };
}
