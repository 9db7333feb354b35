import * as t from 'io-ts';
import { PriceC, VolumeC } from '@hoga/model';
import { IntC, MarketCodeC, SequentialIdC, nullish } from './lenient.codec.js';

/** Taker side of a public trade. */
export const AskBidC = t.keyof({ ASK: null, BID: null }, 'AskBid');
export type AskBid = t.TypeOf<typeof AskBidC>;

/** One trade of `GET /v1/trades/ticks` (newest first). */
export const UpbitTradeTickC = t.exact(
  t.type({
    market: MarketCodeC,
    trade_date_utc: t.string,
    trade_time_utc: t.string,
    timestamp: IntC,
    trade_price: PriceC,
    trade_volume: VolumeC,
    prev_closing_price: nullish(PriceC),
    ask_bid: AskBidC,
    sequential_id: SequentialIdC,
  }),
  'UpbitTradeTick',
);
export type UpbitTradeTick = t.TypeOf<typeof UpbitTradeTickC>;

/** `GET /v1/trades/ticks`. */
export const UpbitTradeTickListC = t.readonlyArray(UpbitTradeTickC, 'UpbitTradeTickList');
