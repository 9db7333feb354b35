import * as t from 'io-ts';
import { DecimalC } from '@hoga/model';
import { IntC, nullish } from '../../codecs/lenient.codec.js';
import { StreamTypeC } from './stream.codec.js';

/** One balance in a `myAsset` frame. */
export const MyAssetItemC = t.exact(
  t.type({ currency: t.string, balance: DecimalC, locked: DecimalC }),
  'MyAssetItem',
);

/** A `myAsset` frame: the balances that changed. */
export const MyAssetMessageC = t.exact(
  t.type({
    type: t.literal('myAsset'),
    asset_uuid: nullish(t.string),
    assets: t.readonlyArray(MyAssetItemC),
    asset_timestamp: nullish(IntC),
    timestamp: IntC,
    stream_type: nullish(StreamTypeC),
  }),
  'MyAssetMessage',
);
export type MyAssetMessage = t.TypeOf<typeof MyAssetMessageC>;
