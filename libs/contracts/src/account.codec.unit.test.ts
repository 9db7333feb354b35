import { deepEqual } from 'node:assert/strict';
import { failingPaths, withData } from './testing/codec.js';
import { accountRiskSamples } from './testing/samples.js';
import { AccountState } from './account.codec.js';

const { account } = accountRiskSamples;
const krw = { currency: 'KRW', balance: '1', locked: '0', avgBuyPrice: '0' };

describe('AccountState', () => {
  it('names the bad field of one balance row', () => {
    const balances = [krw, { ...krw, currency: 'BTC', locked: '-0.1' }];
    deepEqual(failingPaths(AccountState, withData(account, { balances })), [
      'data.balances[1].locked',
    ]);
  });
  it('refuses a currency twice, or spelled in lower case', () => {
    deepEqual(failingPaths(AccountState, withData(account, { balances: [krw, krw] })), [
      'data.balances',
    ]);
    const lower = [{ ...krw, currency: 'krw' }];
    deepEqual(failingPaths(AccountState, withData(account, { balances: lower })), [
      'data.balances[0].currency',
    ]);
  });
  it('refuses negative totals', () => {
    const totals = { availableKrw: '-1', lockedKrw: '0', costBasisKrw: '0' };
    deepEqual(failingPaths(AccountState, withData(account, { totals })), [
      'data.totals.availableKrw',
    ]);
  });
});
