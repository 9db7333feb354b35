import { CloseWindow } from './close-window.js';
import { assertPeriod, ClosedCandleIndicator } from './indicator.js';

/** Simple moving average: the mean of the last `period` closes. */
export class Sma extends ClosedCandleIndicator {
  readonly readyAfter: number;
  private readonly window: CloseWindow;

  constructor(readonly period: number) {
    super();
    assertPeriod(period);
    this.readyAfter = period;
    this.window = new CloseWindow(period);
  }
  protected apply(close: number): void {
    this.window.push(close);
  }
  protected current(): number {
    return this.window.sum() / this.period;
  }
  protected project(formingClose: number): number {
    return (this.window.sum(this.period - 1) + formingClose) / this.period;
  }
}
