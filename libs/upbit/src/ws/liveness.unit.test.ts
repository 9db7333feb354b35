import { deepEqual, ok } from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_PING_INTERVAL_MS, DEFAULT_STALL_TIMEOUT_MS, stallVerdict } from './liveness.js';

describe('WebSocket liveness deadline', () => {
  it('is stalled exactly when the deadline has passed since the last sign of life', () => {
    deepEqual(stallVerdict(10_000, 0, 12_000), { stalled: false, checkAgainInMs: 2_000 });
    deepEqual(stallVerdict(12_000, 0, 12_000), { stalled: true, silentMs: 12_000 });
    deepEqual(stallVerdict(12_001, 1, 12_000), { stalled: true, silentMs: 12_000 });
    deepEqual(stallVerdict(11_999, 0, 12_000), { stalled: false, checkAgainInMs: 1 });
  });

  it('a life seen after the check started (clock skew) is not a stall', () => {
    deepEqual(stallVerdict(5_000, 6_000, 12_000), { stalled: false, checkAgainInMs: 12_000 });
  });

  it('never asks to look again after the deadline (detection is at most the deadline late)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 1, max: 1e6 }),
        (life, silence, deadline) => {
          const v = stallVerdict(life + silence, life, deadline);
          if (v.stalled) return silence >= deadline;
          return silence < deadline && silence + v.checkAgainInMs <= deadline;
        },
      ),
    );
  });

  it('finds a silent socket within 15 s with the defaults, pinging several times before', () => {
    ok(DEFAULT_STALL_TIMEOUT_MS <= 15_000);
    ok(DEFAULT_STALL_TIMEOUT_MS >= 2 * DEFAULT_PING_INTERVAL_MS);
  });
});
