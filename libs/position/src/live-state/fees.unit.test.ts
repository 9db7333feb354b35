import { equal, ok } from 'node:assert/strict';
import { dec, DEFAULT_FEE_RATE, type Price } from '@hoga/model';
import { isDust, limitBuyVolume, marketBuyTotal, meetsMinimum, netProceeds } from './fees.js';

describe('fees (Upbit: bid fee on top, ask fee out of the proceeds)', () => {
  it('sizes a market buy so total + fee stays within the budget, in whole won', () => {
    equal(marketBuyTotal(dec(200000), DEFAULT_FEE_RATE).toString(), '199900');
    const total = marketBuyTotal(dec(200000), DEFAULT_FEE_RATE);
    ok(total.plus(total.mul(DEFAULT_FEE_RATE)).lte(200000));
    equal(marketBuyTotal(dec(5003), DEFAULT_FEE_RATE).toString(), '5000');
    equal(marketBuyTotal(dec(5000), DEFAULT_FEE_RATE).toString(), '4997');
  });
  it('sizes a limit buy: volume truncated to 8 decimals, total + fee within the budget', () => {
    const volume = limitBuyVolume(dec(200000), dec(100_000_000), DEFAULT_FEE_RATE);
    equal(volume.toString(), '0.001999');
    const cost = volume.mul(100_000_000);
    ok(cost.plus(cost.mul(DEFAULT_FEE_RATE)).lte(200000));
  });
  it('takes the ask fee out of the proceeds', () => {
    equal(netProceeds(dec('0.002'), dec(100_000_000), DEFAULT_FEE_RATE).toString(), '199900');
  });
  it('calls a holding dust when it is worth less than 5,000 KRW, and zero is not dust', () => {
    ok(isDust(dec('0.00004999'), dec(100_000_000) as Price));
    ok(!isDust(dec('0.00005'), dec(100_000_000) as Price));
    ok(!isDust(dec(0), dec(100_000_000) as Price));
    ok(meetsMinimum(dec(5000)) && !meetsMinimum(dec('4999.99')));
  });
});
