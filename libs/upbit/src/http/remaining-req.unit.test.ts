import { deepEqual, equal } from 'node:assert/strict';
import fc from 'fast-check';
import { backoffDelay } from './backoff.js';
import { parseBlockHint, parseRemainingReq, parseRetryAfter } from './remaining-req.js';

describe('Remaining-Req', () => {
  it('parses the group and what is left in this second', () => {
    deepEqual(parseRemainingReq('group=default; min=1800; sec=29'), {
      group: 'default',
      sec: 29,
      min: 1800,
    });
    deepEqual(parseRemainingReq('group=order-test;sec=0'), {
      group: 'order-test',
      sec: 0,
      min: undefined,
    });
    deepEqual(parseRemainingReq(' sec=7 ; group=order-cancel-all '), {
      group: 'order-cancel-all',
      sec: 7,
      min: undefined,
    });
  });

  it('rejects malformed headers', () => {
    for (const bad of [
      undefined,
      null,
      '',
      'group=default',
      'sec=3',
      'group=de fault; sec=3',
      'group=default; sec=-1',
      'group=x; sec=1.5',
    ])
      equal(parseRemainingReq(bad), undefined, String(bad));
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-11-23T00:00:00Z');
  it('reads delta seconds and HTTP dates', () => {
    equal(parseRetryAfter('30', now), now + 30_000);
    equal(parseRetryAfter('0.25', now), now + 250);
    equal(parseRetryAfter('Mon, 23 Nov 2026 00:01:00 GMT', now), now + 60_000);
  });
  it('ignores absent or unreadable hints', () => {
    equal(parseRetryAfter(null, now), undefined);
    equal(parseRetryAfter('soon', now), undefined);
  });
});

describe('418 body hint', () => {
  it('reads a duration from the block message', () => {
    equal(parseBlockHint('Too many API requests. Blocked for 30 seconds.', 1000), 31_000);
    equal(parseBlockHint('blocked 1.5s', 0), 1500);
    equal(parseBlockHint("I'm a teapot", 0), undefined);
  });
});

describe('backoff', () => {
  it('stays between half and all of the capped exponential delay', () => {
    fc.assert(
      fc.property(fc.nat(60), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
        const full = Math.min(8000, 250 * 2 ** attempt);
        const d = backoffDelay(attempt, { initialMs: 250, maxMs: 8000 }, () => r);
        return d >= Math.floor(full / 2) && d <= full;
      }),
    );
  });
});
