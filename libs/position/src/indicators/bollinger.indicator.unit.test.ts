import { equal, ok } from 'node:assert/strict';
import { BollingerBandIndicator } from './bollinger.indicator.js';
import {
  BOLLINGER_CLOSES,
  BOLLINGER_LOWER,
  BOLLINGER_MIDDLE,
  BOLLINGER_UPPER,
} from './stockcharts.fixture.js';
import type { BollingerBand } from '../strategy/strategy-spec.js';

const series = (band: BollingerBand, closes: readonly number[], period = 20, k = 2) => {
  const indicator = new BollingerBandIndicator(period, band, k);
  return closes.flatMap((c) => (indicator.update(c), indicator.value() ?? []));
};

describe('Bollinger bands', () => {
  it('uses the population standard deviation (hand-worked: 2,4,4,4,5,5,7,9 has mean 5, σ 2)', () => {
    // Σ(x − 5)² = 9+1+1+1+0+0+4+16 = 32; 32/8 = 4 → σ = 2 (the sample σ would be √(32/7)).
    const closes = [2, 4, 4, 4, 5, 5, 7, 9];
    equal(series('upper', closes, 8).at(-1), 9);
    equal(series('middle', closes, 8).at(-1), 5);
    equal(series('lower', closes, 8).at(-1), 1);
    equal(series('upper', closes, 8, 1.5).at(-1), 8);
  });

  it('peeks with the forming candle replacing the oldest close', () => {
    const upper = new BollingerBandIndicator(8, 'upper', 2);
    upper.warmUp([100, 2, 4, 4, 4, 5, 5, 7]);
    const before = upper.value();
    // the window becomes 2,4,4,4,5,5,7,9: mean 5, σ 2 → upper 9
    equal(upper.peek(9), 9);
    equal(upper.value(), before);
    ok(before !== 9);
  });

  it('is not ready before `period` closes; the forming candle can complete them', () => {
    const middle = new BollingerBandIndicator(3, 'middle', 2);
    middle.update(1);
    equal(middle.peek(2), undefined);
    middle.update(2);
    equal(middle.value(), undefined);
    equal(middle.peek(3), 2);
  });

  it('matches the StockCharts 20-day example (cs-bollinger.xls, published to 2 decimals)', () => {
    const check = (band: BollingerBand, expected: readonly number[]) => {
      const out = series(band, BOLLINGER_CLOSES);
      equal(out.length, expected.length);
      // 0.01: the spreadsheet shows 86.12 for a lower band of 86.1251 (truncation, not rounding).
      out.forEach((v, i) => ok(Math.abs(v - expected[i]!) <= 0.01 + 1e-9, `${band} #${i}: ${v}`));
    };
    check('middle', BOLLINGER_MIDDLE);
    check('upper', BOLLINGER_UPPER);
    check('lower', BOLLINGER_LOWER);
  });

  it('matches the precise first bands of the StockCharts data (technical_indicators doctest)', () => {
    // Published by the `technical_indicators` Python package's doctest on the same closes.
    ok(Math.abs(series('upper', BOLLINGER_CLOSES)[0]! - 91.2919107) < 1e-7);
    ok(Math.abs(series('lower', BOLLINGER_CLOSES)[0]! - 86.1250893) < 1e-7);
    ok(Math.abs(series('upper', BOLLINGER_CLOSES)[1]! - 91.9497209) < 1e-7);
  });
});
