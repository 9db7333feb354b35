/** Which way a cross must go: the left operand moving above or below the right one. */
export type CrossDirection = 'above' | 'below';

/**
 * Detects crosses from the successive differences (left − right) of CONSECUTIVE
 * evaluations. A cross fires when the sign turns strictly opposite to the last non-zero
 * sign: touching zero and turning back is no cross; passing through zero is one cross;
 * the first evaluation never fires.
 */
export class CrossDetector {
  private lastSign = 0;
  constructor(readonly direction: CrossDirection) {}

  /** Records the difference of this evaluation; true when it completes a cross. */
  next(difference: number): boolean {
    const sign = difference > 0 ? 1 : difference < 0 ? -1 : 0;
    if (sign === 0) return false;
    const previous = this.lastSign;
    this.lastSign = sign;
    return this.direction === 'above' ? previous < 0 && sign > 0 : previous > 0 && sign < 0;
  }
}
