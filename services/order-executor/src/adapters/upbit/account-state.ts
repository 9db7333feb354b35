import { randomUUID } from 'node:crypto';
import { Balance, wrap, type AccountState } from '@hoga/contracts';
import { krw, type Decimal, type Krw } from '@hoga/model';
import type { UpbitAccount } from '@hoga/upbit';

/** The currency of a market's base (`KRW-BTC` -> `BTC`) held, balance + locked, at cost. */
export const holdingAtCost = (a: UpbitAccount): Krw =>
  krw(a.balance.plus(a.locked).mul(a.avg_buy_price));

/**
 * `hoga.account.state` from `GET /v1/accounts`: one row per currency (rows the codec would
 * refuse, such as negative or odd currencies, are left out), KRW available and locked, and the
 * coins at their average buy price.
 */
export function toAccountState(accounts: readonly UpbitAccount[], now: Date): AccountState {
  const seen = new Set<string>();
  const balances: Balance[] = [];
  for (const a of accounts) {
    const row = {
      currency: a.currency,
      balance: a.balance,
      locked: a.locked,
      avgBuyPrice: a.avg_buy_price,
    };
    if (seen.has(a.currency) || !Balance.is(row)) continue;
    seen.add(a.currency);
    balances.push(row);
  }
  const won = balances.find((b) => b.currency === 'KRW');
  const coins = accounts.filter((a) => a.currency !== 'KRW' && seen.has(a.currency));
  const costBasisKrw = krw(coins.reduce<Decimal>((sum, a) => sum.plus(holdingAtCost(a)), krw(0)));
  const id = randomUUID();
  return wrap(
    'AccountState',
    {
      balances,
      totals: {
        availableKrw: krw(won?.balance ?? 0),
        lockedKrw: krw(won?.locked ?? 0),
        costBasisKrw,
      },
    },
    { id, occurredAt: now.toISOString(), causationId: null, correlationId: id },
  );
}
