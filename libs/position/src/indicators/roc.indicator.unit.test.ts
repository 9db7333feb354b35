import { equal, ok } from 'node:assert/strict';
import { Roc } from './roc.indicator.js';

describe('ROC', () => {
  it('is the percent change over `period` closes (hand-worked: ROC2 of 100, 110, 121, 99)', () => {
    // at 121: (121 − 100)/100 = 21 %; at 99: (99 − 110)/110 = −10 %
    const roc = new Roc(2);
    roc.warmUp([100, 110]);
    ok(!roc.ready);
    roc.update(121);
    ok(Math.abs(roc.value()! - 21) < 1e-12);
    roc.update(99);
    ok(Math.abs(roc.value()! + 10) < 1e-12);
  });

  it('peeks against the close `period` candles before the forming one', () => {
    const roc = new Roc(2);
    roc.warmUp([100, 110, 121]);
    // forming 132 vs 110 → +20 %
    ok(Math.abs(roc.peek(132)! - 20) < 1e-12);
    ok(Math.abs(roc.value()! - 21) < 1e-12);
  });

  it('needs period + 1 closes; the forming candle can be the last of them', () => {
    const roc = new Roc(3);
    roc.warmUp([1, 2]);
    equal(roc.peek(4), undefined);
    roc.update(4);
    equal(roc.value(), undefined);
    equal(roc.readyAfter, 4);
    equal(roc.peek(2), 100);
  });
});
