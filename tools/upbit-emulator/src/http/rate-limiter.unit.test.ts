import { deepEqual, equal } from 'node:assert/strict';
import { ManualClock } from '../util/clock.js';
import { RateLimiter, UPBIT_LIMITS, type RateLimitSettings } from './rate-limiter.js';

const SETTINGS: RateLimitSettings = {
  enabled: true,
  groups: UPBIT_LIMITS,
  blockAfterViolations: 3,
  violationWindowMs: 10_000,
  blockBaseMs: 10_000,
  blockMaxMs: 600_000,
};

const kinds = (
  limiter: RateLimiter,
  group: 'order' | 'default' | 'order-cancel-all',
  n: number,
): string[] => Array.from({ length: n }, () => limiter.check(group, 'key:a').kind);

describe('rate limiter', () => {
  it('allows the group limit per second, then answers limited', () => {
    const l = new RateLimiter(SETTINGS, new ManualClock());
    deepEqual(kinds(l, 'order', 13), [...Array<string>(12).fill('ok'), 'limited']);
  });

  it('counts remaining requests for Remaining-Req', () => {
    const l = new RateLimiter(SETTINGS, new ManualClock());
    const first = l.check('default', 'key:a');
    equal(first.remaining, 29);
    equal(l.header('default', first.remaining), 'group=default; min=1800; sec=29');
    equal(l.header('order-cancel-all', 0), 'group=order-cancel-all; min=30; sec=0');
  });

  it('slides the window with the clock', () => {
    const clock = new ManualClock();
    const l = new RateLimiter(SETTINGS, clock);
    kinds(l, 'order', 12);
    equal(l.check('order', 'key:a').kind, 'limited');
    clock.advance(1001);
    equal(l.check('order', 'key:a').kind, 'ok');
  });

  it('keeps groups and keys apart', () => {
    const l = new RateLimiter(SETTINGS, new ManualClock());
    kinds(l, 'order', 12);
    equal(l.check('default', 'key:a').kind, 'ok');
    equal(l.check('order', 'key:b').kind, 'ok');
  });

  it('turns repeated violations into a 418 block that doubles for repeat offenders', () => {
    const clock = new ManualClock();
    const l = new RateLimiter(SETTINGS, clock);
    kinds(l, 'order-cancel-all', 1);
    deepEqual(kinds(l, 'order-cancel-all', 3), ['limited', 'limited', 'blocked']);
    const first = l.check('default', 'key:a');
    equal(first.kind, 'blocked', 'a block covers every group of the key');
    equal(first.kind === 'blocked' && first.untilMs - clock.now(), 10_000);
    clock.advance(10_001);
    equal(l.check('order-cancel-all', 'key:a').kind, 'ok');
    kinds(l, 'order-cancel-all', 2);
    const second = l.check('order-cancel-all', 'key:a');
    equal(second.kind === 'blocked' && second.untilMs - clock.now(), 20_000);
  });

  it('does nothing when disabled', () => {
    const l = new RateLimiter({ ...SETTINGS, enabled: false }, new ManualClock());
    deepEqual(new Set(kinds(l, 'order-cancel-all', 50)), new Set(['ok']));
  });
});
