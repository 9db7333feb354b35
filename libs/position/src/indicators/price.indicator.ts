import type { Indicator } from './indicator.js';

/**
 * The price itself: always ready; `peek` is the live price, `value` the last close
 * (undefined before any close).
 */
export class PriceIndicator implements Indicator {
  readonly readyAfter = 0;
  readonly recommendedHistory = 0;
  readonly ready = true;
  private last: number | undefined;

  update(close: number): void {
    this.last = close;
  }
  warmUp(closes: readonly number[]): void {
    for (const close of closes) this.update(close);
  }
  value(): number | undefined {
    return this.last;
  }
  peek(formingClose: number): number {
    return formingClose;
  }
}
