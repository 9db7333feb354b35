import { equal, ok } from 'node:assert/strict';
import { Sma } from './sma.indicator.js';
import { MOVAVG_CLOSES, MOVAVG_SMA10 } from './stockcharts.fixture.js';

describe('SMA', () => {
  it('averages the last `period` closes (hand-worked: SMA3 of 1..5 = 2, 3, 4)', () => {
    const sma = new Sma(3);
    const values = [1, 2, 3, 4, 5].map((c) => (sma.update(c), sma.value()));
    equal(values.join(), ',,2,3,4');
  });

  it('has no value before `period` closes; peeks once the forming candle completes them', () => {
    const sma = new Sma(3);
    sma.update(1);
    equal(sma.peek(100), undefined);
    sma.update(2);
    ok(!sma.ready);
    equal(sma.value(), undefined);
    equal(sma.peek(6), 3);
  });

  it('peeks with the forming candle without changing state (hand-worked: (2+3+10)/3 = 5)', () => {
    const sma = new Sma(3);
    sma.warmUp([1, 2, 3]);
    equal(sma.peek(10), 5);
    equal(sma.value(), 2);
    sma.update(10);
    equal(sma.value(), 5);
  });

  it('matches the StockCharts 10-day SMA example (cs-movavg.xls, published to 2 decimals)', () => {
    const sma = new Sma(10);
    const out: number[] = [];
    for (const close of MOVAVG_CLOSES) {
      sma.update(close);
      const v = sma.value();
      if (v !== undefined) out.push(v);
    }
    equal(out.length, MOVAVG_SMA10.length);
    out.forEach((v, i) => ok(Math.abs(v - MOVAVG_SMA10[i]!) <= 0.005 + 1e-9, `SMA #${i}: ${v}`));
  });
});
