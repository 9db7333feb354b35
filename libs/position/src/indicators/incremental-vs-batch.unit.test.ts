import { equal, ok } from 'node:assert/strict';
import fc from 'fast-check';
import { BollingerBandIndicator } from './bollinger.indicator.js';
import { Ema } from './ema.indicator.js';
import type { Indicator } from './indicator.js';
import { Roc } from './roc.indicator.js';
import { Rsi } from './rsi.indicator.js';
import { Sma } from './sma.indicator.js';

/*
 * Straightforward batch (non-incremental) reimplementations, written from the textbook
 * definitions and independently of the incremental code: each recomputes from the whole
 * series with slices and reduces. `undefined` marks a not-yet-defined value.
 */
type Series = (number | undefined)[];
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

const batchSma = (c: readonly number[], n: number): Series =>
  c.map((_, i) => (i + 1 < n ? undefined : mean(c.slice(i + 1 - n, i + 1))));

function batchEma(c: readonly number[], n: number): Series {
  const k = 2 / (n + 1);
  let ema = 0;
  return c.map((close, i) => {
    if (i + 1 < n) return undefined;
    ema = i + 1 === n ? mean(c.slice(0, n)) : close * k + ema * (1 - k);
    return ema;
  });
}

function batchRsi(c: readonly number[], n: number): Series {
  const gains = c.slice(1).map((x, i) => Math.max(x - c[i]!, 0));
  const losses = c.slice(1).map((x, i) => Math.max(c[i]! - x, 0));
  let g = 0;
  let l = 0;
  return c.map((_, i) => {
    if (i < n) return undefined;
    if (i === n) [g, l] = [mean(gains.slice(0, n)), mean(losses.slice(0, n))];
    else [g, l] = [(g * (n - 1) + gains[i - 1]!) / n, (l * (n - 1) + losses[i - 1]!) / n];
    if (l === 0) return g === 0 ? 50 : 100;
    return 100 - 100 / (1 + g / l);
  });
}

const batchBollinger =
  (sign: number, k: number) =>
  (c: readonly number[], n: number): Series =>
    c.map((_, i) => {
      if (i + 1 < n) return undefined;
      const window = c.slice(i + 1 - n, i + 1);
      const m = mean(window);
      const populationVariance = mean(window.map((x) => (x - m) * (x - m)));
      return m + sign * k * Math.sqrt(populationVariance);
    });

const batchRoc = (c: readonly number[], n: number): Series =>
  c.map((x, i) => (i < n ? undefined : ((x - c[i - n]!) / c[i - n]!) * 100));

const CASES: ReadonlyArray<
  [string, (n: number) => Indicator, (c: readonly number[], n: number) => Series]
> = [
  ['SMA', (n) => new Sma(n), batchSma],
  ['EMA', (n) => new Ema(n), batchEma],
  ['RSI', (n) => new Rsi(n), batchRsi],
  ['Bollinger upper', (n) => new BollingerBandIndicator(n, 'upper', 2), batchBollinger(1, 2)],
  ['Bollinger middle', (n) => new BollingerBandIndicator(n, 'middle', 2), batchBollinger(0, 2)],
  ['Bollinger lower', (n) => new BollingerBandIndicator(n, 'lower', 2.5), batchBollinger(-1, 2.5)],
  ['ROC', (n) => new Roc(n), batchRoc],
];

/** Prices in cents up to 10,000.00, with a frequent repeated value to make flat runs. */
const price = fc.oneof(
  fc.integer({ min: 1, max: 1_000_000 }).map((x) => x / 100),
  fc.constant(500),
);
const closes = fc.array(price, { maxLength: 60 });
const period = fc.integer({ min: 1, max: 15 });

function same(actual: number | undefined, expected: number | undefined, what: string): void {
  if (expected === undefined) return equal(actual, undefined, what);
  ok(
    actual !== undefined && Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} vs ${expected}`,
  );
}

describe('indicators: incremental == batch', () => {
  for (const [name, make, batch] of CASES) {
    it(`${name}: every update and every peek equals the batch recomputation`, () =>
      fc.assert(
        fc.property(closes, period, price, (series, n, forming) => {
          const indicator = make(n);
          const expected = batch(series, n);
          series.forEach((close, i) => {
            indicator.update(close);
            same(indicator.value(), expected[i], `value after close #${i}`);
          });
          const before = indicator.value();
          same(indicator.peek(forming), batch([...series, forming], n).at(-1), 'peek');
          equal(indicator.value(), before, 'peek must not change state');
          equal(indicator.ready, expected.at(-1) !== undefined, 'ready');
        }),
      ));
  }
});
