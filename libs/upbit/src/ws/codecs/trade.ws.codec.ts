import * as t from 'io-ts';
import { PriceC, VolumeC } from '@hoga/model';
import { IntC, SequentialIdC, nullish } from '../../codecs/lenient.codec.js';
import { StreamTypeC, WsAskBidC } from './stream.codec.js';

/** A `trade` frame; `sequential_id` identifies the trade. */
export const TradeMessageC = t.exact(
  t.type({
    type: t.literal('trade'),
    code: t.string,
    trade_price: PriceC,
    trade_volume: VolumeC,
    ask_bid: WsAskBidC,
    trade_timestamp: IntC,
    timestamp: IntC,
    sequential_id: SequentialIdC,
    best_ask_price: nullish(PriceC),
    best_bid_price: nullish(PriceC),
    stream_type: StreamTypeC,
  }),
  'TradeMessage',
);
export type TradeMessage = t.TypeOf<typeof TradeMessageC>;
