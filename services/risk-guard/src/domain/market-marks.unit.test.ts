import { strictEqual } from 'node:assert/strict';
import { dec, price, type Market } from '@hoga/model';
import { positionState } from '../testing/samples.js';
import { MarketMarks } from './market-marks.js';
import { Portfolio } from './portfolio.js';

const BTC = 'KRW-BTC' as Market;
const ETH = 'KRW-ETH' as Market;
const FEE = dec('0.0005');

describe('risk-guard: holdings marked to the ticks', () => {
  it('a tick revalues the holdings exactly as the positions would: (1 - fee) x volume x move', () => {
    const marks = new MarketMarks(FEE);
    marks.hold(BTC, dec('0.01'), price('100000000'), 1);
    marks.hold(BTC, dec('0.03'), price('101000000'), 1);
    strictEqual(marks.unrealizedShift.toString(), '0');
    strictEqual(marks.mark(BTC, price('90000000')), true);
    // 0.04 x 90,000,000 - (1,000,000 + 3,030,000) = -430,000; after the exit fee x 0.9995
    strictEqual(marks.exposureShift.toString(), '-430000');
    strictEqual(marks.unrealizedShift.toString(), '-429785');
  });

  it('a tick on a market nobody holds changes nothing and says so', () => {
    const marks = new MarketMarks(FEE);
    marks.hold(BTC, dec('0.01'), price('100000000'), 1);
    strictEqual(marks.mark(ETH, price('1000')), false);
    strictEqual(marks.mark(BTC, price('100000000')), true);
    strictEqual(marks.mark(BTC, price('100000000')), false, 'the same price again');
    strictEqual(marks.unrealizedShift.toString(), '0');
  });

  it('a state valued at the mark adds nothing on top: no double counting', () => {
    const portfolio = new Portfolio(FEE);
    portfolio.apply(positionState('a', { volume: '0.01', unrealized: '-500', version: 1 }).data);
    portfolio.mark(BTC, price('90000000'));
    // state at 100,000,000 with -500; marked at 90,000,000: -500 - 100,000 x 0.9995
    strictEqual(portfolio.unrealizedPnl.toString(), '-100450');
    strictEqual(portfolio.exposure.toString(), '900000');
    // the actor catches up: its state is now valued at the mark itself
    portfolio.apply(
      positionState('a', {
        volume: '0.01',
        unrealized: '-100450',
        last: '90000000',
        version: 2,
      }).data,
    );
    strictEqual(portfolio.unrealizedPnl.toString(), '-100450');
    strictEqual(portfolio.exposure.toString(), '900000');
  });

  it('a position that sold its coins leaves the marked sums', () => {
    const portfolio = new Portfolio(FEE);
    portfolio.apply(positionState('a', { volume: '0.01', unrealized: '0', version: 1 }).data);
    portfolio.mark(BTC, price('80000000'));
    strictEqual(portfolio.exposure.toString(), '800000');
    portfolio.apply(
      positionState('a', {
        volume: '0',
        unrealized: '0',
        realized: '-200000',
        status: 'closed',
        version: 2,
      }).data,
    );
    strictEqual(portfolio.unrealizedPnl.toString(), '0');
    strictEqual(portfolio.exposure.toString(), '0');
    strictEqual(portfolio.holdings().length, 0);
  });

  it('the liquidation plan and equity use the mark', () => {
    const portfolio = new Portfolio(FEE);
    portfolio.apply(positionState('a', { volume: '0.01', unrealized: '0' }).data);
    portfolio.mark(BTC, price('70000000'));
    strictEqual(portfolio.holdings()[0]?.lastPrice.toString(), '70000000');
    strictEqual(portfolio.lastPrice(BTC)?.toString(), '70000000');
  });
});

describe('risk-guard: realized PnL baselines', () => {
  it('a position first seen after arming counts from its exact realized PnL at arming', () => {
    const portfolio = new Portfolio(FEE);
    portfolio.rebaseRealized();
    // the store says: at arming it had realized -5,000; its first state shows -85,160
    portfolio.storedRealized('a' as never, dec(-5000) as never, dec(-85160) as never);
    strictEqual(portfolio.figures.realizedPnlSinceArming.toString(), '-80160', 'from the store');
    portfolio.apply(
      positionState('a', { volume: '0', unrealized: '0', realized: '-85160', version: 9 }).data,
    );
    strictEqual(portfolio.figures.realizedPnlSinceArming.toString(), '-80160');
  });

  it('a baseline learnt after the first state corrects the provisional one', () => {
    const portfolio = new Portfolio(FEE);
    portfolio.rebaseRealized();
    portfolio.apply(
      positionState('a', { volume: '0', unrealized: '0', realized: '-80160', version: 9 }).data,
    );
    strictEqual(portfolio.figures.realizedPnlSinceArming.toString(), '0', 'provisional');
    portfolio.storedRealized('a' as never, dec(0) as never, dec(-80160) as never);
    strictEqual(portfolio.figures.realizedPnlSinceArming.toString(), '-80160');
    portfolio.apply(
      positionState('a', { volume: '0', unrealized: '0', realized: '-80160', version: 10 }).data,
    );
    strictEqual(portfolio.figures.realizedPnlSinceArming.toString(), '-80160', 'counted once');
  });

  it('re-arming starts from zero at the realized PnL of that moment', () => {
    const portfolio = new Portfolio(FEE);
    portfolio.apply(
      positionState('a', { volume: '0', unrealized: '0', realized: '-1000', version: 3 }).data,
    );
    portfolio.storedRealized('a' as never, dec(0) as never, dec(-1000) as never);
    strictEqual(portfolio.figures.realizedPnlSinceArming.toString(), '-1000');
    portfolio.rebaseRealized();
    strictEqual(portfolio.figures.realizedPnlSinceArming.toString(), '0');
  });
});
