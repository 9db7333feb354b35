import { deepStrictEqual, equal } from 'node:assert/strict';
import { dec, type Price } from '@hoga/model';
import { exitLevels } from './exit-levels.js';

const entry = dec(100_000_000) as Price;
const AT = '2026-11-23T00:00:00Z';

describe('exit levels: null means "no such exit"', () => {
  it('has no deadline without maxHoldMinutes (not NaN), and one maxHoldMinutes after activation with it', () => {
    equal(exitLevels({ stopLossPct: dec(5) }, entry, AT).deadlineMs, null);
    equal(
      exitLevels({ stopLossPct: dec(5), maxHoldMinutes: 90 }, entry, AT).deadlineMs,
      Date.parse(AT) + 90 * 60_000,
    );
  });

  it('arms no trailing stop without a trailing stop, even when an activation level is given', () => {
    // The strategy codec refuses this spec; the levels must not invent a trail from it either.
    const levels = exitLevels({ stopLossPct: dec(5), trailingActivationPct: dec(1) }, entry, AT);
    deepStrictEqual([levels.trailFactor, levels.trailArmAt], [null, null]);
    const trailing = exitLevels(
      { trailingStopPct: dec(2), trailingActivationPct: dec(1) },
      entry,
      AT,
    );
    deepStrictEqual(
      [trailing.trailFactor?.toString(), trailing.trailArmAt?.toString()],
      ['0.98', '101000000'],
    );
  });
});
