import { deepEqual, equal } from 'node:assert/strict';
import fc from 'fast-check';
import { CrossDetector, type CrossDirection } from './cross-detector.js';

const fires = (direction: CrossDirection, differences: readonly number[]) => {
  const detector = new CrossDetector(direction);
  return differences.map((d) => detector.next(d));
};

/** Reference: crosses counted on the sequence of non-zero signs, pair by pair. */
function countCrosses(direction: CrossDirection, differences: readonly number[]): number {
  const signs = differences.filter((d) => d !== 0).map(Math.sign);
  const want = direction === 'above' ? [-1, 1] : [1, -1];
  return signs.slice(1).filter((s, i) => signs[i] === want[0] && s === want[1]).length;
}

describe('CrossDetector', () => {
  it('never fires on the first evaluation', () => {
    deepEqual(fires('above', [1]), [false]);
    deepEqual(fires('below', [-1]), [false]);
  });

  it('fires once when the sign turns, and not while it stays', () => {
    deepEqual(fires('above', [-2, -1, 1, 2, 3]), [false, false, true, false, false]);
    deepEqual(fires('below', [2, 1, -1, -2]), [false, false, true, false]);
  });

  it('counts passing through zero as one cross and touching zero as none', () => {
    deepEqual(fires('above', [-1, 0, 0, 1]), [false, false, false, true]);
    deepEqual(fires('above', [1, 0, 1]), [false, false, false]);
    deepEqual(fires('below', [-1, 0, -1]), [false, false, false]);
  });

  it('ignores crosses in the other direction', () =>
    deepEqual(fires('above', [1, -1, 1, -1]), [false, false, true, false]));

  it('fires exactly once per cross on any sequence', () =>
    fc.assert(
      fc.property(
        fc.constantFrom<CrossDirection>('above', 'below'),
        fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 50 }),
        (direction, differences) =>
          equal(
            fires(direction, differences).filter(Boolean).length,
            countCrosses(direction, differences),
          ),
      ),
    ));
});
