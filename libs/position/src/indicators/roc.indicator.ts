import { CloseWindow } from './close-window.js';
import { assertPeriod, ClosedCandleIndicator } from './indicator.js';

/** Percent change from `base` to `close` (closes are prices, so `base` > 0). */
const percentChange = (close: number, base: number): number => ((close - base) / base) * 100;

/**
 * Rate of change: the percent change of the close over `period` candles,
 * (close − close[period ago]) / close[period ago] · 100. Ready after `period + 1` closes.
 */
export class Roc extends ClosedCandleIndicator {
  readonly readyAfter: number;
  private readonly window: CloseWindow;

  constructor(readonly period: number) {
    super();
    assertPeriod(period);
    this.readyAfter = period + 1;
    this.window = new CloseWindow(period + 1);
  }
  protected apply(close: number): void {
    this.window.push(close);
  }
  protected current(): number {
    return percentChange(this.window.at(this.period), this.window.at(0));
  }
  protected project(formingClose: number): number {
    return percentChange(formingClose, this.window.at(this.window.length - this.period));
  }
}
