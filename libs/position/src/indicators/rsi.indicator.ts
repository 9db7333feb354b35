import { assertPeriod, ClosedCandleIndicator, decayCandles } from './indicator.js';

/**
 * RSI from average gain / average loss. If both are 0 (a flat market) RSI is 50 (neutral);
 * with no loss it is 100, with no gain 0.
 */
export function rsiOf(avgGain: number, avgLoss: number): number {
  if (avgLoss === 0) return avgGain === 0 ? 50 : 100;
  return 100 - 100 / (1 + avgGain / avgLoss);
}

/**
 * Wilder's RSI: the first average gain/loss is the simple mean of the first `period`
 * changes, then avg = (prev · (period − 1) + current) / period. Ready after `period + 1`
 * closes (`period` changes).
 */
export class Rsi extends ClosedCandleIndicator {
  readonly readyAfter: number;
  private previousClose = Number.NaN;
  private avgGain = 0;
  private avgLoss = 0;

  constructor(readonly period: number) {
    super();
    assertPeriod(period);
    this.readyAfter = period + 1;
  }
  override get recommendedHistory(): number {
    return this.readyAfter + decayCandles(1 / this.period);
  }
  protected apply(close: number): void {
    const change = close - this.previousClose;
    this.previousClose = close;
    if (this.seen === 0) return;
    const gain = change > 0 ? change : 0;
    const loss = change < 0 ? -change : 0;
    if (this.seen <= this.period) {
      // Seeding: accumulate the first `period` changes, then average them.
      this.avgGain += gain;
      this.avgLoss += loss;
      if (this.seen === this.period) {
        this.avgGain /= this.period;
        this.avgLoss /= this.period;
      }
    } else {
      [this.avgGain, this.avgLoss] = this.smooth(gain, loss);
    }
  }
  protected current(): number {
    return rsiOf(this.avgGain, this.avgLoss);
  }
  protected project(formingClose: number): number {
    const change = formingClose - this.previousClose;
    const [gain, loss] = [change > 0 ? change : 0, change < 0 ? -change : 0];
    if (this.seen === this.period) {
      // The forming candle completes the seed: simple averages of `period` changes.
      return rsiOf((this.avgGain + gain) / this.period, (this.avgLoss + loss) / this.period);
    }
    return rsiOf(...this.smooth(gain, loss));
  }
  private smooth(gain: number, loss: number): [number, number] {
    const n = this.period;
    return [(this.avgGain * (n - 1) + gain) / n, (this.avgLoss * (n - 1) + loss) / n];
  }
}
