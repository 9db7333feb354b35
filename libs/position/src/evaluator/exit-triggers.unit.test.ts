import { equal } from 'node:assert/strict';
import { dec, type Price } from '@hoga/model';
import { exitLevels } from './exit-levels.js';
import { firstExitTrigger } from './exit-triggers.js';

const T0 = Date.parse('2026-11-23T00:00:00Z');
const levels = exitLevels(
  { takeProfitPct: dec(3), stopLossPct: dec(5), trailingStopPct: dec(2), maxHoldMinutes: 60 },
  dec(100_000_000) as Price,
  '2026-11-23T00:00:00Z',
);
const at = (
  price: number | null,
  atMs = T0,
  opts: { trail?: number; paused?: boolean; exit?: boolean } = {},
) =>
  firstExitTrigger(
    levels,
    opts.trail === undefined ? null : dec(opts.trail),
    opts.paused ?? false,
    price === null ? null : dec(price),
    atMs,
    opts.exit ?? false,
  );

describe('exit triggers and their precedence', () => {
  it('computes the levels from the average entry price', () => {
    equal(levels.takeProfit?.toString(), '103000000');
    equal(levels.stopLoss?.toString(), '95000000');
    equal(levels.trailFactor?.toString(), '0.98');
    equal(levels.deadlineMs, T0 + 3_600_000);
  });
  it('fires each exit at its level, inclusive', () => {
    equal(at(95_000_000), 'stop-loss');
    equal(at(95_000_001), null);
    equal(at(103_000_000), 'take-profit');
    equal(at(101_000_000, T0, { trail: 101_000_000 }), 'trailing-stop');
    equal(at(100_000_000, T0 + 3_600_000), 'time-limit');
    equal(at(100_000_000, T0 + 3_599_999), null);
    equal(at(100_000_000, T0, { exit: true }), 'strategy-exit');
  });
  it('puts protective exits first: stop-loss, trailing stop, time limit, take-profit, strategy exit', () => {
    // A gap through the stop-loss while the trailing stop, the time limit and the condition fire too.
    equal(at(90_000_000, T0 + 4_000_000, { trail: 99_000_000, exit: true }), 'stop-loss');
    equal(at(98_000_000, T0 + 4_000_000, { trail: 99_000_000, exit: true }), 'trailing-stop');
    equal(at(104_000_000, T0 + 4_000_000, { exit: true }), 'time-limit');
    equal(at(104_000_000, T0, { exit: true }), 'take-profit');
  });
  it('keeps protective exits armed while paused and holds back the discretionary ones', () => {
    equal(at(104_000_000, T0, { paused: true, exit: true }), null);
    equal(at(94_000_000, T0, { paused: true }), 'stop-loss');
    equal(at(98_000_000, T0, { paused: true, trail: 99_000_000 }), 'trailing-stop');
    equal(at(100_000_000, T0 + 3_600_000, { paused: true }), 'time-limit');
  });
  it('checks only time and condition without a price (closed candles)', () => {
    equal(at(null, T0, { exit: true }), 'strategy-exit');
    equal(at(null, T0 + 3_600_000), 'time-limit');
    equal(at(null), null);
  });
});
