import { deepEqual, equal } from 'node:assert/strict';
import { ManualClock, settle } from '../testing/manual-clock.js';
import { RateLimiter } from './rate-limiter.js';

/** Starts `n` acquisitions and tracks which have been granted, in order. */
function acquireMany(
  limiter: RateLimiter,
  group: string,
  n: number,
  granted: string[],
  tag = group,
): void {
  for (let i = 0; i < n; i++)
    void limiter.acquire(group).then((release) => {
      granted.push(`${tag}${i}`);
      release();
    });
}

describe('RateLimiter', () => {
  it('never sends more than the limit in any window, counting a jitter margin', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock, limits: { order: 12 }, windowMarginMs: 25 });
    const granted: string[] = [];
    acquireMany(limiter, 'order', 12, granted);
    await clock.advance(500);
    acquireMany(limiter, 'order', 13, granted, 'late');
    await settle();
    equal(granted.length, 12);
    await clock.advance(524);
    equal(granted.length, 12);
    await clock.advance(1);
    equal(granted.length, 24);
    deepEqual(granted.slice(12, 14), ['late0', 'late1']);
    await clock.advance(1024);
    equal(granted.length, 24);
    await clock.advance(1);
    equal(granted.length, 25);
  });

  it('keeps a slot taken while its request is in flight, and counts the window from the answer', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock, limits: { order: 2 }, windowMarginMs: 0 });
    const first = await limiter.acquire('order');
    await limiter.acquire('order');
    const granted: string[] = [];
    acquireMany(limiter, 'order', 1, granted);
    await clock.advance(5000);
    deepEqual(granted, []);
    first();
    await clock.advance(999);
    deepEqual(granted, []);
    await clock.advance(1);
    deepEqual(granted, ['order0']);
  });

  it('pauses a group until the next second when Remaining-Req says sec=0, and only that group', async () => {
    const clock = new ManualClock(1_700_000_000_400);
    const limiter = new RateLimiter({ clock, secondMarginMs: 20 });
    limiter.observe({ group: 'default', sec: 0, min: undefined });
    const granted: string[] = [];
    acquireMany(limiter, 'default', 1, granted);
    acquireMany(limiter, 'candle', 1, granted);
    await settle();
    deepEqual(granted, ['candle0']);
    await clock.advance(600);
    deepEqual(granted, ['candle0']);
    await clock.advance(20);
    deepEqual(granted, ['candle0', 'default0']);
  });

  it('sec=0 that our own count explains waits for our oldest slot, not for the next second', async () => {
    // 12 orders 80 ms apart, the last just after a second boundary: Upbit says sec=0, which our
    // own window already knows; the 13th may go when the first slot leaves it (t0 + 1,025 ms).
    const boundary = 1_700_000_000_000;
    const clock = new ManualClock(boundary - 870);
    const limiter = new RateLimiter({ clock, limits: { order: 12 }, windowMarginMs: 25 });
    for (let i = 0; i < 12; i++) {
      (await limiter.acquire('order'))();
      if (i < 11) await clock.advance(80);
    }
    limiter.observe({ group: 'order', sec: 0, min: undefined });
    const granted: string[] = [];
    acquireMany(limiter, 'order', 1, granted);
    await clock.advance(144); // boundary + 154 ms: the first slot (boundary - 870) is still in
    deepEqual(granted, []);
    await clock.advance(1);
    deepEqual(granted, ['order0'], 'not held until boundary + 1,020 ms');
  });

  it('sec=0 with requests we did not send holds the group to the next second', async () => {
    const boundary = 1_700_000_000_000;
    const clock = new ManualClock(boundary + 500);
    const limiter = new RateLimiter({ clock, limits: { order: 12 }, secondMarginMs: 20 });
    (await limiter.acquire('order'))();
    limiter.observe({ group: 'order', sec: 0, min: undefined }); // 11 of someone else's
    const granted: string[] = [];
    acquireMany(limiter, 'order', 1, granted);
    await clock.advance(519);
    deepEqual(granted, []);
    await clock.advance(1);
    deepEqual(granted, ['order0']);
  });

  it('never grants more than the server says is left in this second', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock });
    limiter.observe({ group: 'default', sec: 2, min: undefined });
    const granted: string[] = [];
    acquireMany(limiter, 'default', 5, granted);
    await settle();
    equal(granted.length, 2);
  });

  it('backs off exponentially after 429s, with the injected jitter', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({
      clock,
      random: () => 0.5,
      backoff: { initialMs: 200, maxMs: 1000 },
    });
    equal(limiter.rateLimited('order', 0), 150);
    equal(limiter.rateLimited('order', 1), 300);
    equal(limiter.rateLimited('order', 5), 750);
    const granted: string[] = [];
    acquireMany(limiter, 'order', 1, granted);
    await clock.advance(749);
    equal(granted.length, 0);
    await clock.advance(1);
    equal(granted.length, 1);
  });

  it('sends nothing in any group during a 418 block, then releases every queued request in order', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock, defaultBlockMs: 30_000 });
    const until = limiter.block();
    equal(until, clock.now() + 30_000);
    equal(limiter.blockedUntil(), until);
    const granted: string[] = [];
    acquireMany(limiter, 'order', 3, granted);
    acquireMany(limiter, 'ticker', 2, granted);
    await clock.advance(29_999);
    deepEqual(granted, []);
    equal(limiter.waiting('order'), 3);
    await clock.advance(1);
    deepEqual(granted.sort(), ['order0', 'order1', 'order2', 'ticker0', 'ticker1']);
    equal(limiter.blockedUntil(), undefined);
  });

  it('extends a block by a later, longer one, never shortens it', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock });
    limiter.block(clock.now() + 5000);
    limiter.block(clock.now() + 1000);
    equal(limiter.blockedUntil(), clock.now() + 5000);
  });

  it('gives a group first seen in Remaining-Req the configured unknown-group limit', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock, unknownGroupLimit: 2 });
    const granted: string[] = [];
    acquireMany(limiter, 'brand-new-group', 3, granted);
    await settle();
    equal(granted.length, 2);
  });

  it('paces a group slower than one per second (order-cancel-all: 1 per 2 s)', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock, windowMarginMs: 0 });
    const granted: string[] = [];
    acquireMany(limiter, 'order-cancel-all', 2, granted);
    await clock.advance(1999);
    equal(granted.length, 1);
    await clock.advance(1);
    equal(granted.length, 2);
  });
});
