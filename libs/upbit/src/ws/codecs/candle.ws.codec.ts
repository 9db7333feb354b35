import * as t from 'io-ts';
import { DecimalC, PriceC, VolumeC } from '@hoga/model';
import { IntC } from '../../codecs/lenient.codec.js';
import { StreamTypeC } from './stream.codec.js';

/** `candle.1s`, `candle.1m` ... `candle.240m`. */
export type CandleType = `candle.${string}`;
const CandleTypeC = t.refinement(
  t.string,
  (s) => /^candle\.\d+[sm]$/.test(s),
  'CandleType',
) as unknown as t.Type<CandleType, string, unknown>;

/** A `candle.*` frame; the same candle time may arrive several times: the last one wins. */
export const CandleMessageC = t.exact(
  t.type({
    type: CandleTypeC,
    code: t.string,
    candle_date_time_utc: t.string,
    candle_date_time_kst: t.string,
    opening_price: PriceC,
    high_price: PriceC,
    low_price: PriceC,
    trade_price: PriceC,
    candle_acc_trade_volume: VolumeC,
    candle_acc_trade_price: DecimalC,
    timestamp: IntC,
    stream_type: StreamTypeC,
  }),
  'CandleMessage',
);
export type CandleMessage = t.TypeOf<typeof CandleMessageC>;
