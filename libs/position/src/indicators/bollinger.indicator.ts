import type { BollingerBand } from '../strategy/strategy-spec.js';
import { CloseWindow } from './close-window.js';
import { assertPeriod, ClosedCandleIndicator } from './indicator.js';

/**
 * One Bollinger band: SMA(period) + offset · k · σ, where σ is the POPULATION standard
 * deviation of the same `period` closes (divide by n, as John Bollinger and StockCharts do;
 * the sample deviation, n − 1, would widen the bands by √(n/(n−1))). Ready after `period`.
 */
export class BollingerBandIndicator extends ClosedCandleIndicator {
  readonly readyAfter: number;
  private readonly window: CloseWindow;
  private readonly offset: number;

  constructor(
    readonly period: number,
    readonly band: BollingerBand,
    readonly k: number,
  ) {
    super();
    assertPeriod(period);
    if (!(k > 0)) throw new RangeError(`invalid Bollinger width ${k}`);
    this.readyAfter = period;
    this.window = new CloseWindow(period);
    this.offset = band === 'upper' ? 1 : band === 'lower' ? -1 : 0;
  }
  protected apply(close: number): void {
    this.window.push(close);
  }
  protected current(): number {
    const mean = this.window.sum() / this.period;
    return this.bandAt(mean, this.window.squaredDeviations(mean));
  }
  protected project(formingClose: number): number {
    const previous = this.period - 1;
    const mean = (this.window.sum(previous) + formingClose) / this.period;
    const d = formingClose - mean;
    return this.bandAt(mean, this.window.squaredDeviations(mean, previous) + d * d);
  }
  private bandAt(mean: number, squaredDeviations: number): number {
    if (this.offset === 0) return mean;
    return mean + this.offset * this.k * Math.sqrt(squaredDeviations / this.period);
  }
}
