import { deepEqual, ok } from 'node:assert/strict';
import { dec, krw } from '@hoga/model';
import type { UpbitAccount } from '@hoga/upbit';
import { toAccountState } from './account-state.js';

const account = (currency: string, balance: string, locked: string, avg: string): UpbitAccount => ({
  currency,
  balance: dec(balance),
  locked: dec(locked),
  avg_buy_price: krw(avg),
  avg_buy_price_modified: false,
  unit_currency: 'KRW',
});

describe('toAccountState', () => {
  it('totals KRW available and locked, and the coins at their average buy price', () => {
    const state = toAccountState(
      [account('KRW', '1000000.5', '20010', '0'), account('BTC', '0.01', '0.002', '100000000')],
      new Date('2026-11-23T10:00:00.000Z'),
    );
    ok(state.data.totals.availableKrw.eq('1000000.5') && state.data.totals.lockedKrw.eq('20010'));
    ok(state.data.totals.costBasisKrw.eq('1200000'));
    deepEqual(
      state.data.balances.map((b) => b.currency),
      ['KRW', 'BTC'],
    );
  });

  it('leaves out rows the contract refuses (a repeated or odd currency)', () => {
    const state = toAccountState(
      [
        account('KRW', '1', '0', '0'),
        account('KRW', '2', '0', '0'),
        account('odd coin', '1', '0', '1'),
      ],
      new Date(),
    );
    deepEqual(
      state.data.balances.map((b) => [b.currency, b.balance.toString()]),
      [['KRW', '1']],
    );
  });
});
