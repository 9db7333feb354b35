import * as t from 'io-ts';
import { DecimalC, NonNegativeKrwC, VolumeC } from '@hoga/model';
import { BoolC, IntC, nullish } from '../../codecs/lenient.codec.js';
import { OrdTypeC } from '../../codecs/order.codec.js';
import { StreamTypeC, WsAskBidC } from './stream.codec.js';

/** myOrder states: REST's four plus `trade` (a fill happened) and `prevented` (self-match). */
export const MyOrderStateC = t.keyof(
  { wait: null, watch: null, trade: null, done: null, cancel: null, prevented: null },
  'MyOrderState',
);
export type MyOrderState = t.TypeOf<typeof MyOrderStateC>;

/**
 * A `myOrder` frame. With `state: trade`, `price`/`volume` are the fill's and `trade_uuid`
 * identifies it (apply each once). Sent only when something happens: no snapshot.
 */
export const MyOrderMessageC = t.exact(
  t.type({
    type: t.literal('myOrder'),
    code: t.string,
    uuid: t.string,
    ask_bid: WsAskBidC,
    order_type: OrdTypeC,
    state: MyOrderStateC,
    trade_uuid: nullish(t.string),
    price: nullish(DecimalC),
    avg_price: nullish(DecimalC),
    volume: nullish(VolumeC),
    remaining_volume: nullish(VolumeC),
    executed_volume: nullish(VolumeC),
    trades_count: nullish(IntC),
    reserved_fee: nullish(NonNegativeKrwC),
    remaining_fee: nullish(NonNegativeKrwC),
    paid_fee: nullish(NonNegativeKrwC),
    locked: nullish(DecimalC),
    executed_funds: nullish(NonNegativeKrwC),
    time_in_force: nullish(t.string),
    trade_fee: nullish(NonNegativeKrwC),
    is_maker: nullish(BoolC),
    identifier: nullish(t.string),
    smp_type: nullish(t.string),
    prevented_volume: nullish(VolumeC),
    prevented_locked: nullish(DecimalC),
    trade_timestamp: nullish(IntC),
    order_timestamp: nullish(IntC),
    timestamp: IntC,
    stream_type: nullish(StreamTypeC),
  }),
  'MyOrderMessage',
);
export type MyOrderMessage = t.TypeOf<typeof MyOrderMessageC>;
