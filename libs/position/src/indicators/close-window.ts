/** The last `size` closes, oldest first. */
export class CloseWindow {
  private readonly closes: number[] = [];
  constructor(readonly size: number) {}

  push(close: number): void {
    this.closes.push(close);
    if (this.closes.length > this.size) this.closes.shift();
  }
  get length(): number {
    return this.closes.length;
  }
  /** The close at `index` (0 = oldest). */
  at(index: number): number {
    const close = this.closes[index];
    if (close === undefined) throw new RangeError(`no close at ${index}`);
    return close;
  }
  /** Sum of the last `count` closes (all by default), oldest first. */
  sum(count = this.closes.length): number {
    let total = 0;
    for (let i = this.from(count); i < this.closes.length; i++) total += this.closes[i]!;
    return total;
  }
  /** Sum of squared deviations from `mean` of the last `count` closes, oldest first. */
  squaredDeviations(mean: number, count = this.closes.length): number {
    let total = 0;
    for (let i = this.from(count); i < this.closes.length; i++) {
      const d = this.closes[i]! - mean;
      total += d * d;
    }
    return total;
  }
  private from(count: number): number {
    if (count > this.closes.length) throw new RangeError(`only ${this.closes.length} closes`);
    return this.closes.length - count;
  }
}
