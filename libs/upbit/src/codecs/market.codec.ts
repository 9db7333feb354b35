import * as t from 'io-ts';
import { BoolC, MarketCodeC, nullish } from './lenient.codec.js';

const MarketEventC = t.exact(
  t.type({
    warning: nullish(BoolC),
    caution: nullish(t.record(t.string, BoolC)),
  }),
  'MarketEvent',
);

/** One market of `GET /v1/market/all?is_details=true`. */
export const UpbitMarketC = t.exact(
  t.type({
    market: MarketCodeC,
    korean_name: t.string,
    english_name: t.string,
    market_event: nullish(MarketEventC),
    /** Older form of the warning flag (`NONE` | `CAUTION`). */
    market_warning: nullish(t.string),
  }),
  'UpbitMarket',
);
export type UpbitMarket = t.TypeOf<typeof UpbitMarketC>;

/** `GET /v1/market/all`. */
export const UpbitMarketListC = t.readonlyArray(UpbitMarketC, 'UpbitMarketList');
