import * as t from 'io-ts';
import { DecimalC, PriceC, VolumeC } from '@hoga/model';
import { ChangeC } from '../../codecs/ticker.codec.js';
import { IntC, nullish } from '../../codecs/lenient.codec.js';
import { StreamTypeC, WsAskBidC } from './stream.codec.js';

/** A `ticker` frame (DEFAULT names; SIMPLE frames are renamed first). */
export const TickerMessageC = t.exact(
  t.type({
    type: t.literal('ticker'),
    code: t.string,
    opening_price: PriceC,
    high_price: PriceC,
    low_price: PriceC,
    trade_price: PriceC,
    prev_closing_price: PriceC,
    change: ChangeC,
    signed_change_rate: DecimalC,
    trade_volume: VolumeC,
    acc_trade_price_24h: DecimalC,
    acc_trade_volume_24h: VolumeC,
    ask_bid: WsAskBidC,
    trade_timestamp: IntC,
    timestamp: IntC,
    market_state: nullish(t.string),
    stream_type: StreamTypeC,
  }),
  'TickerMessage',
);
export type TickerMessage = t.TypeOf<typeof TickerMessageC>;
