import { equal, ok } from 'node:assert/strict';
import { Ema } from './ema.indicator.js';
import { MOVAVG_CLOSES, MOVAVG_EMA10 } from './stockcharts.fixture.js';

describe('EMA', () => {
  it('is seeded with the SMA, then steps by k = 2/(n+1) (hand-worked: EMA3 of 2,4,6,8,12)', () => {
    // seed (2+4+6)/3 = 4; k = 0.5: 4 + 0.5·(8−4) = 6; 6 + 0.5·(12−6) = 9
    const ema = new Ema(3);
    const values = [2, 4, 6, 8, 12].map((c) => (ema.update(c), ema.value()));
    equal(values.join(), ',,4,6,9');
  });

  it('peeks the next step without changing state', () => {
    const ema = new Ema(3);
    ema.warmUp([2, 4, 6]);
    equal(ema.peek(8), 6);
    equal(ema.peek(0), 2);
    equal(ema.value(), 4);
  });

  it('is not ready before `period` closes; the forming candle can complete the seed', () => {
    const ema = new Ema(3);
    ema.update(2);
    equal(ema.peek(4), undefined);
    ema.update(4);
    ok(!ema.ready);
    equal(ema.value(), undefined);
    equal(ema.peek(6), 4);
  });

  it('matches the StockCharts 10-day EMA example (cs-movavg.xls) to 1e-7', () => {
    const ema = new Ema(10);
    const out: number[] = [];
    for (const close of MOVAVG_CLOSES) {
      ema.update(close);
      const v = ema.value();
      if (v !== undefined) out.push(v);
    }
    equal(out.length, MOVAVG_EMA10.length);
    out.forEach((v, i) => ok(Math.abs(v - MOVAVG_EMA10[i]!) < 1e-7, `EMA #${i}: ${v}`));
  });

  it('recommends enough history for the seed weight to fall below 1 %', () => {
    // (1 − k)^m ≤ 0.01 with k = 2/21: m = ceil(ln 0.01 / ln(19/21)) = 47, plus the 20 seed closes
    equal(new Ema(20).recommendedHistory, 20 + Math.ceil(Math.log(0.01) / Math.log(19 / 21)));
    equal(new Ema(20).recommendedHistory, 67);
  });
});
