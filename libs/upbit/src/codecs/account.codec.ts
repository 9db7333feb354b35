import * as t from 'io-ts';
import { DecimalC, NonNegativeKrwC } from '@hoga/model';
import { BoolC, nullish } from './lenient.codec.js';

/** One balance of `GET /v1/accounts`; the total held is `balance + locked`. */
export const UpbitAccountC = t.exact(
  t.type({
    currency: t.string,
    balance: DecimalC,
    locked: DecimalC,
    avg_buy_price: NonNegativeKrwC,
    avg_buy_price_modified: nullish(BoolC),
    unit_currency: t.string,
  }),
  'UpbitAccount',
);
export type UpbitAccount = t.TypeOf<typeof UpbitAccountC>;

/** `GET /v1/accounts`. */
export const UpbitAccountListC = t.readonlyArray(UpbitAccountC, 'UpbitAccountList');
