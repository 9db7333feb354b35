import { equal, ok, throws } from 'node:assert/strict';
import { dec } from '@hoga/model';
import { Ledger, LedgerInvariantError } from './ledger.js';

describe('ledger', () => {
  it('locks only what is available and unlocks it back', () => {
    const l = new Ledger();
    l.setBalance('KRW', dec('10000'));
    ok(l.lock('KRW', dec('6000')));
    ok(!l.lock('KRW', dec('4000.01')));
    equal(l.get('KRW').balance.toString(), '4000');
    equal(l.get('KRW').locked.toString(), '6000');
    l.unlock('KRW', dec('1000'));
    equal(l.get('KRW').balance.toString(), '5000');
    equal(l.get('KRW').locked.toString(), '5000');
  });

  it('averages the buy price over holdings, excluding fees, and forgets it when emptied', () => {
    const l = new Ledger();
    l.creditPurchase('BTC', dec('1'), dec('100'));
    l.creditPurchase('BTC', dec('3'), dec('200'));
    equal(l.get('BTC').avgBuyPrice.toString(), '175');
    ok(l.lock('BTC', dec('4')));
    l.spendLocked('BTC', dec('4'));
    equal(l.get('BTC').avgBuyPrice.toString(), '0');
  });

  it('refuses to go negative (a bug, not a client error)', () => {
    const l = new Ledger();
    throws(() => l.spendLocked('KRW', dec('1')), LedgerInvariantError);
  });

  it('lists KRW first', () => {
    const l = new Ledger();
    l.setBalance('BTC', dec('1'));
    l.setBalance('KRW', dec('1'));
    equal(l.list()[0]!.currency, 'KRW');
  });
});
