import * as t from 'io-ts';
import { NonNegativeKrwC } from '@hoga/model';
import { envelope } from './envelope.js';
import { NonNegativeDecimalC, refine } from './codec-helpers.js';

/** A currency code as Upbit writes it: `KRW`, `BTC`. */
export const CurrencyC = refine(t.string, (s) => /^[A-Z0-9]{1,15}$/.test(s), 'Currency');

/**
 * One row of Upbit `GET /v1/accounts`. The total held is `balance + locked` (locked: reserved by
 * open orders). `avgBuyPrice` is in KRW; Upbit reports 0 for KRW itself.
 */
export const Balance = t.strict(
  {
    currency: CurrencyC,
    balance: NonNegativeDecimalC,
    locked: NonNegativeDecimalC,
    avgBuyPrice: NonNegativeDecimalC,
  },
  'Balance',
);
export type Balance = t.TypeOf<typeof Balance>;

/**
 * The exchange account as order-executor last read it, on `hoga.account.state` (latest value).
 * Totals need no market prices: equity at market is the risk guard's job.
 */
export const AccountState = envelope(
  'AccountState',
  t.strict({
    /** One row per currency, each currency at most once. */
    balances: refine(
      t.array(Balance),
      (bs) => new Set(bs.map((b) => b.currency)).size === bs.length,
      'Balances(one row per currency)',
    ),
    totals: t.strict({
      /** KRW free to spend. */
      availableKrw: NonNegativeKrwC,
      /** KRW reserved by open buy orders (price * volume + reserved fee). */
      lockedKrw: NonNegativeKrwC,
      /** Every coin held (balance + locked) at its average buy price. */
      costBasisKrw: NonNegativeKrwC,
    }),
  }),
);
export type AccountState = t.TypeOf<typeof AccountState>;
