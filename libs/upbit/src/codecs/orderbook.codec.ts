import * as t from 'io-ts';
import { DecimalC, PriceC, VolumeC } from '@hoga/model';
import { IntC, MarketCodeC, nullish } from './lenient.codec.js';

/** One price level: best first. */
export const OrderbookUnitC = t.exact(
  t.type({ ask_price: PriceC, bid_price: PriceC, ask_size: VolumeC, bid_size: VolumeC }),
  'OrderbookUnit',
);
export type OrderbookUnit = t.TypeOf<typeof OrderbookUnitC>;

/** One market of `GET /v1/orderbook` (up to 30 levels). */
export const UpbitOrderbookC = t.exact(
  t.type({
    market: MarketCodeC,
    timestamp: IntC,
    total_ask_size: VolumeC,
    total_bid_size: VolumeC,
    orderbook_units: t.readonlyArray(OrderbookUnitC),
    level: nullish(DecimalC),
  }),
  'UpbitOrderbook',
);
export type UpbitOrderbook = t.TypeOf<typeof UpbitOrderbookC>;

/** `GET /v1/orderbook`. */
export const UpbitOrderbookListC = t.readonlyArray(UpbitOrderbookC, 'UpbitOrderbookList');

/** One market of `GET /v1/orderbook/instruments`: prefer its `tick_size` to a local table. */
export const UpbitInstrumentC = t.exact(
  t.type({
    market: MarketCodeC,
    quote_currency: t.string,
    tick_size: PriceC,
    supported_levels: t.readonlyArray(DecimalC),
  }),
  'UpbitInstrument',
);
export type UpbitInstrument = t.TypeOf<typeof UpbitInstrumentC>;

/** `GET /v1/orderbook/instruments`. */
export const UpbitInstrumentListC = t.readonlyArray(UpbitInstrumentC, 'UpbitInstrumentList');
