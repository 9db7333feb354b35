import * as t from 'io-ts';
import { DecimalC, VolumeC } from '@hoga/model';
import { IntC, nullish } from '../../codecs/lenient.codec.js';
import { OrderbookUnitC } from '../../codecs/orderbook.codec.js';
import { StreamTypeC } from './stream.codec.js';

/** An `orderbook` frame (best level first). */
export const OrderbookMessageC = t.exact(
  t.type({
    type: t.literal('orderbook'),
    code: t.string,
    total_ask_size: VolumeC,
    total_bid_size: VolumeC,
    orderbook_units: t.readonlyArray(OrderbookUnitC),
    timestamp: IntC,
    level: nullish(DecimalC),
    stream_type: StreamTypeC,
  }),
  'OrderbookMessage',
);
export type OrderbookMessage = t.TypeOf<typeof OrderbookMessageC>;
