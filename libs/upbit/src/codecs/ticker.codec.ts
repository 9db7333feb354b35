import * as t from 'io-ts';
import { DecimalC, PriceC, VolumeC } from '@hoga/model';
import { IntC, MarketCodeC } from './lenient.codec.js';

/** Price change against the previous close. */
export const ChangeC = t.keyof({ RISE: null, EVEN: null, FALL: null }, 'Change');
export type Change = t.TypeOf<typeof ChangeC>;

/** One ticker of `GET /v1/ticker` (quotation numbers are JSON numbers, read exactly as decimals). */
export const UpbitTickerC = t.exact(
  t.type({
    market: MarketCodeC,
    trade_price: PriceC,
    opening_price: PriceC,
    high_price: PriceC,
    low_price: PriceC,
    prev_closing_price: PriceC,
    change: ChangeC,
    signed_change_rate: DecimalC,
    trade_volume: VolumeC,
    acc_trade_price_24h: DecimalC,
    acc_trade_volume_24h: VolumeC,
    timestamp: IntC,
  }),
  'UpbitTicker',
);
export type UpbitTicker = t.TypeOf<typeof UpbitTickerC>;

/** `GET /v1/ticker`. */
export const UpbitTickerListC = t.readonlyArray(UpbitTickerC, 'UpbitTickerList');
