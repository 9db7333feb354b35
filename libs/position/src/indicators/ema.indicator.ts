import { assertPeriod, ClosedCandleIndicator, decayCandles } from './indicator.js';

/**
 * Exponential moving average with k = 2 / (period + 1), SEEDED with the SMA of the first
 * `period` closes (StockCharts' convention; the value after the seed is
 * EMA = prev + k · (close − prev)). Ready after `period` closes.
 */
export class Ema extends ClosedCandleIndicator {
  readonly readyAfter: number;
  private readonly k: number;
  private seedSum = 0;
  private ema = Number.NaN;

  constructor(readonly period: number) {
    super();
    assertPeriod(period);
    this.readyAfter = period;
    this.k = 2 / (period + 1);
  }
  override get recommendedHistory(): number {
    return this.period + decayCandles(this.k);
  }
  protected apply(close: number): void {
    if (this.seen < this.period) {
      this.seedSum += close;
      if (this.seen === this.period - 1) this.ema = this.seedSum / this.period;
    } else {
      this.ema = this.step(close);
    }
  }
  protected current(): number {
    return this.ema;
  }
  protected project(formingClose: number): number {
    if (this.seen < this.period) return (this.seedSum + formingClose) / this.period;
    return this.step(formingClose);
  }
  private step(close: number): number {
    return this.ema + this.k * (close - this.ema);
  }
}
