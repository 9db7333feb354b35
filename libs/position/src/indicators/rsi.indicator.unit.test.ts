import { equal, ok } from 'node:assert/strict';
import { Rsi } from './rsi.indicator.js';
import { RSI14, RSI_CLOSES } from './stockcharts.fixture.js';

const near = (actual: number | undefined, expected: number, tolerance: number) =>
  ok(actual !== undefined && Math.abs(actual - expected) <= tolerance, `${actual} ≉ ${expected}`);

describe('RSI (Wilder)', () => {
  it('seeds with simple averages, then smooths (hand-worked: RSI2 of 1, 2, 1, 3)', () => {
    // changes +1, −1: seed avgGain = avgLoss = 0.5 → RSI 50.
    // change +2: avgGain = (0.5·1 + 2)/2 = 1.25, avgLoss = (0.5·1 + 0)/2 = 0.25,
    // RS = 5 → RSI = 100 − 100/6 = 83.33…
    const rsi = new Rsi(2);
    rsi.warmUp([1, 2, 1]);
    equal(rsi.value(), 50);
    rsi.update(3);
    near(rsi.value(), 100 - 100 / 6, 1e-12);
  });

  it('needs period + 1 closes; the forming candle can be the last of them', () => {
    const rsi = new Rsi(14);
    rsi.warmUp(RSI_CLOSES.slice(0, 13));
    equal(rsi.peek(RSI_CLOSES[13]!), undefined);
    rsi.update(RSI_CLOSES[13]!);
    ok(!rsi.ready);
    equal(rsi.value(), undefined);
    near(rsi.peek(RSI_CLOSES[14]!), RSI14[0]!, 5e-5 + 1e-9);
    rsi.update(RSI_CLOSES[14]!);
    ok(rsi.ready);
  });

  it('matches the StockCharts 14-day RSI example (cs-rsi.xls, 4 decimals)', () => {
    const rsi = new Rsi(14);
    const out: number[] = [];
    for (const close of RSI_CLOSES) {
      rsi.update(close);
      const v = rsi.value();
      if (v !== undefined) out.push(v);
    }
    equal(out.length, RSI14.length);
    out.forEach((v, i) => near(v, RSI14[i]!, 5e-5 + 1e-9));
  });

  it('peeks the next smoothing step without changing state', () => {
    const rsi = new Rsi(14);
    rsi.warmUp(RSI_CLOSES.slice(0, 15));
    near(rsi.peek(RSI_CLOSES[15]!), RSI14[1]!, 5e-5 + 1e-9);
    near(rsi.value(), RSI14[0]!, 5e-5 + 1e-9);
  });

  it('is 100 when only rising, 0 when only falling, 50 when flat', () => {
    const up = new Rsi(3);
    up.warmUp([1, 2, 3, 4, 5]);
    equal(up.value(), 100);
    const down = new Rsi(3);
    down.warmUp([5, 4, 3, 2, 1]);
    equal(down.value(), 0);
    const flat = new Rsi(3);
    flat.warmUp([7, 7, 7, 7]);
    equal(flat.value(), 50);
    equal(flat.peek(8), 100);
  });

  it('recommends enough history for the seed weight to fall below 1 %', () => {
    // (13/14)^m ≤ 0.01: m = ceil(ln 0.01 / ln(13/14)) = 63, plus the 15 seed closes
    equal(new Rsi(14).recommendedHistory, 15 + Math.ceil(Math.log(0.01) / Math.log(13 / 14)));
  });
});
