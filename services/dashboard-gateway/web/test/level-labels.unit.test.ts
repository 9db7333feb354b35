import './browser-env.js';
import { deepStrictEqual, ok } from 'node:assert/strict';
import fc from 'fast-check';
import { LABEL_HEIGHT, spreadLabels } from '../src/panels/level-labels.js';

const STEP = LABEL_HEIGHT + 2;

describe("web: the price chart's level names", () => {
  it('leaves names that are apart on their lines', () => {
    deepStrictEqual(spreadLabels([100, 40, 160], 220), [100, 40, 160]);
  });

  it('moves close names apart, keeping their order (entry 12,345 and trailing 12,390 a few px apart)', () => {
    deepStrictEqual(spreadLabels([120, 114, 60], 220), [114 + STEP, 114, 60]);
  });

  it('keeps names inside the pane: a pile at the bottom moves up', () => {
    const h = LABEL_HEIGHT / 2;
    deepStrictEqual(spreadLabels([215, 214], 220), [220 - h, 220 - h - STEP]);
    deepStrictEqual(spreadLabels([-30], 220), [h]);
  });

  it('never lets two names overlap, in order, inside the pane when they fit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 60, max: 600 }),
        fc.array(fc.double({ min: -50, max: 650, noNaN: true }), { maxLength: 4 }),
        (height, ys) => {
          fc.pre(ys.length * STEP <= height);
          const out = spreadLabels(ys, height);
          const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
          for (let k = 1; k < order.length; k += 1)
            ok(out[order[k]!.i]! - out[order[k - 1]!.i]! >= STEP - 1e-9, `${String(out)}`);
          for (const y of out)
            ok(
              y >= LABEL_HEIGHT / 2 - 1e-9 && y <= height - LABEL_HEIGHT / 2 + 1e-9,
              `${String(out)}`,
            );
        },
      ),
    );
  });
});
