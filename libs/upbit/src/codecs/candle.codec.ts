import * as t from 'io-ts';
import { DecimalC, PriceC, VolumeC } from '@hoga/model';
import { IntC, MarketCodeC, nullish } from './lenient.codec.js';

/**
 * One candle of `GET /v1/candles/minutes/{unit}` or `/days` (newest first). `unit` is present on
 * minute candles; `prev_closing_price` on day candles.
 */
export const UpbitCandleC = t.exact(
  t.type({
    market: MarketCodeC,
    candle_date_time_utc: t.string,
    candle_date_time_kst: t.string,
    opening_price: PriceC,
    high_price: PriceC,
    low_price: PriceC,
    trade_price: PriceC,
    timestamp: IntC,
    candle_acc_trade_price: DecimalC,
    candle_acc_trade_volume: VolumeC,
    unit: nullish(IntC),
    prev_closing_price: nullish(PriceC),
  }),
  'UpbitCandle',
);
export type UpbitCandle = t.TypeOf<typeof UpbitCandleC>;

/** A list of candles. */
export const UpbitCandleListC = t.readonlyArray(UpbitCandleC, 'UpbitCandleList');
