import { equal } from 'node:assert/strict';
import fc from 'fast-check';
import { dec } from './decimal.js';
import { krwTickSize, roundToTick } from './tick-grid.js';
import { tickRejection } from './tick-admission.js';

const at = (market: string, price: string) => ({ market, price: dec(price) });

describe('tick admission (market of the subject, tick grid)', () => {
  it('given a KRW-BTC tick on grid, when it came on KRW-BTC, then it is admitted', () =>
    equal(tickRejection('KRW-BTC', at('KRW-BTC', '143250000')), null));
  it('given a tick naming KRW-ETH, when it came on KRW-BTC, then market-mismatch', () =>
    equal(tickRejection('KRW-BTC', at('KRW-ETH', '5000000')), 'market-mismatch'));
  it('checks the market before the price', () =>
    equal(tickRejection('KRW-BTC', at('KRW-ETH', '0.5')), 'market-mismatch'));
  it('refuses the reported 1e-30 as off the grid', () =>
    equal(tickRejection('KRW-BTC', at('KRW-BTC', '1e-30')), 'off-tick-grid'));
  it('refuses a price between two ticks of its band', () => {
    equal(tickRejection('KRW-BTC', at('KRW-BTC', '143250500')), 'off-tick-grid');
    equal(tickRejection('KRW-XRP', at('KRW-XRP', '812.5')), 'off-tick-grid');
  });
  it('refuses zero and negative prices', () => {
    equal(tickRejection('KRW-BTC', at('KRW-BTC', '0')), 'off-tick-grid');
    equal(tickRejection('KRW-BTC', at('KRW-BTC', '-1000')), 'off-tick-grid');
  });
  it('admits 1e30 (on the 1,000 KRW grid): absurd sizes are the sanity band’s job', () =>
    equal(tickRejection('KRW-BTC', at('KRW-BTC', '1e30')), null));
  it('property: a price rounded onto the grid is admitted; off by half a tick is not', () =>
    fc.assert(
      fc.property(fc.double({ min: 1e-7, max: 1e9, noNaN: true }), (raw) => {
        const p = roundToTick(dec(raw), 'up');
        const half = krwTickSize(p).div(2);
        equal(tickRejection('KRW-BTC', at('KRW-BTC', p.toString())), null);
        equal(tickRejection('KRW-BTC', at('KRW-BTC', p.plus(half).toString())), 'off-tick-grid');
      }),
    ));
});
