import * as t from 'io-ts';
import { DecimalC, NonNegativeKrwC } from '@hoga/model';
import { UpbitAccountC } from './account.codec.js';
import { MarketCodeC, nullish, withDefault } from './lenient.codec.js';

const SideConstraintC = t.exact(
  t.type({
    currency: t.string,
    min_total: NonNegativeKrwC,
    price_unit: nullish(DecimalC),
  }),
  'ChanceSide',
);

const ChanceMarketC = t.exact(
  t.type({
    id: MarketCodeC,
    name: t.string,
    order_sides: withDefault(t.readonlyArray(t.string), []),
    bid_types: withDefault(t.readonlyArray(t.string), []),
    ask_types: withDefault(t.readonlyArray(t.string), []),
    bid: SideConstraintC,
    ask: SideConstraintC,
    max_total: NonNegativeKrwC,
    state: t.string,
  }),
  'ChanceMarket',
);

/**
 * `GET /v1/orders/chance`: the market's real fee rates and order constraints, and the two
 * balances involved. Maker fees are null when Upbit leaves them out.
 */
export const UpbitOrderChanceC = t.exact(
  t.type({
    bid_fee: DecimalC,
    ask_fee: DecimalC,
    maker_bid_fee: nullish(DecimalC),
    maker_ask_fee: nullish(DecimalC),
    market: ChanceMarketC,
    bid_account: UpbitAccountC,
    ask_account: UpbitAccountC,
  }),
  'UpbitOrderChance',
);
export type UpbitOrderChance = t.TypeOf<typeof UpbitOrderChanceC>;
