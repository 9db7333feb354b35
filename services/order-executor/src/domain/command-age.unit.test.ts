import { deepEqual, equal } from 'node:assert/strict';
import fc from 'fast-check';
import { judgeAge } from './command-age.js';

const decided = new Date('2026-12-06T10:00:00.000Z');
const plus = (ms: number) => new Date(decided.getTime() + ms);
const entry = { leg: 'entry' as const, decidedAt: decided, createdAt: plus(500) };

describe('judgeAge (ADR 0030)', () => {
  it('an entry within the maximum age may be sent, up to and including the limit', () => {
    deepEqual(judgeAge(entry, plus(9_999), 10_000), { expired: false });
    deepEqual(judgeAge(entry, plus(10_000), 10_000), { expired: false });
  });

  it('an entry older than the maximum age is expired, with its age', () => {
    const v = judgeAge(entry, plus(10_001), 10_000);
    equal(v.expired, true);
    if (v.expired) {
      equal(v.ageMs, 10_001);
      equal(
        v.detail,
        'entry decided at 2026-12-06T10:00:00.000Z, 10001 ms before it could be sent (at most 10000 ms): not sent',
      );
    }
  });

  it('an exit is never expired, however old', () => {
    deepEqual(judgeAge({ ...entry, leg: 'exit' }, plus(86_400_000), 10_000), { expired: false });
  });

  it('counts from the decision, not from when the executor stored the command', () => {
    const storedLate = { ...entry, createdAt: plus(60_000) };
    equal(judgeAge(storedLate, plus(60_001), 10_000).expired, true);
  });

  it('a row without a decision time counts from when it was stored', () => {
    const old = { ...entry, decidedAt: null };
    equal(judgeAge(old, plus(10_500), 10_000).expired, false);
    equal(judgeAge(old, plus(10_501), 10_000).expired, true);
  });

  it('a decision in the future (clock skew) is age 0', () => {
    deepEqual(judgeAge(entry, plus(-60_000), 10_000), { expired: false });
  });

  it('property: expired exactly when an entry is older than the maximum', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e7, max: 1e7 }),
        fc.integer({ min: 1, max: 1e6 }),
        (dt, max) => {
          equal(judgeAge(entry, plus(dt), max).expired, dt > max);
          equal(judgeAge({ ...entry, leg: 'exit' }, plus(dt), max).expired, false);
        },
      ),
    );
  });
});
