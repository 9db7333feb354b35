/**
 * An indicator fed with the closes of CLOSED candles, oldest first. `peek` shows the value
 * as if the forming candle closed at a given price (the live price) without changing state.
 * Until `readyAfter` closes were applied it is not ready and `value()` is `undefined`;
 * `peek` is defined one close earlier, since the forming candle completes the count.
 */
export interface Indicator {
  /** Closed candles needed before the first value. */
  readonly readyAfter: number;
  /**
   * Closed candles to warm up with: `readyAfter`, plus for recursive indicators (EMA, RSI)
   * enough more that the seed's weight in the value is below 1 %.
   */
  readonly recommendedHistory: number;
  /** True once `readyAfter` closes have been applied. */
  readonly ready: boolean;
  /** Applies the close of a candle that just closed. */
  update(close: number): void;
  /** Applies a history of closes, oldest first. */
  warmUp(closes: readonly number[]): void;
  /** The value as of the last closed candle; `undefined` until ready. */
  value(): number | undefined;
  /**
   * The value as if the forming candle closed at `formingClose`; `undefined` until
   * `readyAfter - 1` closes were applied.
   */
  peek(formingClose: number): number | undefined;
}

/** Checks an indicator period (the spec codec already did: a bad one here is a bug). */
export function assertPeriod(period: number): void {
  if (!Number.isSafeInteger(period) || period < 1)
    throw new RangeError(`invalid indicator period ${period}`);
}

/** Shared bookkeeping: counts closes, gates `value`/`peek` on readiness. */
export abstract class ClosedCandleIndicator implements Indicator {
  /** Closes applied so far. */
  protected seen = 0;
  abstract readonly readyAfter: number;
  get recommendedHistory(): number {
    return this.readyAfter;
  }
  get ready(): boolean {
    return this.seen >= this.readyAfter;
  }
  update(close: number): void {
    if (!Number.isFinite(close)) throw new RangeError(`invalid close ${close}`);
    this.apply(close);
    this.seen += 1;
  }
  warmUp(closes: readonly number[]): void {
    for (const close of closes) this.update(close);
  }
  value(): number | undefined {
    return this.ready ? this.current() : undefined;
  }
  peek(formingClose: number): number | undefined {
    return this.seen + 1 >= this.readyAfter ? this.project(formingClose) : undefined;
  }
  /** Applies a close; `this.seen` is the number of closes before it. */
  protected abstract apply(close: number): void;
  /** The value as of the last close (only called when ready). */
  protected abstract current(): number;
  /** The value with one more close (called once `readyAfter - 1` closes were applied). */
  protected abstract project(formingClose: number): number;
}

/**
 * Closed candles after which a seed's weight, decaying by (1 - alpha) per candle, is below
 * 1 %. Multiplication only (no Math.log), so the count is the same on every platform.
 */
export function decayCandles(alpha: number): number {
  let weight = 1;
  let candles = 0;
  while (weight > 0.01) {
    weight *= 1 - alpha;
    candles += 1;
  }
  return candles;
}
