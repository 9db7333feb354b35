import type { AccountState } from '@hoga/contracts';
import { krw, type Krw, type Market, type Price } from '@hoga/model';

/** The account's value: KRW (free + locked) and every coin (free + locked) at market. */
export interface Equity {
  readonly krwCash: Krw;
  readonly coinsAtMarket: Krw;
  readonly totalKrw: Krw;
}

/**
 * Equity of an account state: KRW balance + KRW locked + Σ coin (balance + locked) × the last
 * price seen for `KRW-<coin>`; a coin with no price seen yet is valued at its average buy price
 * (cost basis), so equity is defined from the first account state on.
 */
export function equityOf(
  account: AccountState['data'],
  lastPrice: (market: Market) => Price | undefined,
): Equity {
  let cash = krw(0);
  let coins = krw(0);
  for (const b of account.balances) {
    const held = b.balance.plus(b.locked);
    if (b.currency === 'KRW') cash = krw(cash.plus(held));
    else {
      const mark = lastPrice(`KRW-${b.currency}` as Market) ?? b.avgBuyPrice;
      coins = krw(coins.plus(held.mul(mark)));
    }
  }
  return { krwCash: cash, coinsAtMarket: coins, totalKrw: krw(cash.plus(coins)) };
}
