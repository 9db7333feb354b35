import { deepEqual, equal, ok } from 'node:assert/strict';
import fc from 'fast-check';
import type { AccessRefusal } from '@hoga/upbit';
import {
  ACCESS_OK,
  accessReason,
  blocks,
  checkDelayMs,
  checkKind,
  onAccepted,
  onCheckFailed,
  onRefusal,
  type AccessState,
} from './exchange-access.js';

const policy = { firstCheckMs: 1000, maxCheckMs: 60_000 };
const expired: AccessRefusal = {
  problem: 'credentials',
  status: 401,
  errorName: 'expired_access_key',
  where: 'GET /v1/accounts',
};
const noOrders: AccessRefusal = {
  problem: 'order-permission',
  status: 403,
  errorName: 'out_of_scope',
  where: 'POST /v1/orders',
};

describe('exchange access: the state machine', () => {
  it('the first refusal loses access once; more refusals change nothing (one alert, not one per request)', () => {
    const first = onRefusal(ACCESS_OK, expired, 10_000, policy);
    equal(first.change, 'lost');
    deepEqual(first.state, {
      status: 'lost',
      problem: 'credentials',
      errorName: 'expired_access_key',
      where: 'GET /v1/accounts',
      since: 10_000,
      checks: 0,
      nextCheckAt: 11_000,
    });
    let state: AccessState = first.state;
    for (let i = 0; i < 50; i++) {
      const step = onRefusal(state, expired, 10_000 + i, policy);
      equal(step.change, 'none');
      state = step.state;
    }
    deepEqual(state, first.state);
  });

  it('a dead key after a missing order permission is worse; the reverse keeps the dead key', () => {
    const perm = onRefusal(ACCESS_OK, noOrders, 0, policy);
    equal(perm.change, 'lost');
    const worse = onRefusal(perm.state, expired, 5, policy);
    equal(worse.change, 'worse');
    equal(worse.state.status === 'lost' && worse.state.problem, 'credentials');
    equal(onRefusal(worse.state, noOrders, 6, policy).change, 'none');
  });

  it('a lost key comes back on any answered call; a missing permission only on an order write', () => {
    const key = onRefusal(ACCESS_OK, expired, 0, policy).state;
    deepEqual(onAccepted(key, 'read'), { state: ACCESS_OK, change: 'restored' });
    const perm = onRefusal(ACCESS_OK, noOrders, 0, policy).state;
    deepEqual(onAccepted(perm, 'read'), { state: perm, change: 'none' });
    deepEqual(onAccepted(perm, 'order-write'), { state: ACCESS_OK, change: 'restored' });
    deepEqual(onAccepted(ACCESS_OK, 'read'), { state: ACCESS_OK, change: 'none' });
  });

  it('blocks every call but the checks while the key is refused; only order writes without the permission', () => {
    const key = onRefusal(ACCESS_OK, expired, 0, policy).state;
    const perm = onRefusal(ACCESS_OK, noOrders, 0, policy).state;
    ok(blocks(key, 'read') && blocks(key, 'order-write'));
    ok(!blocks(perm, 'read') && blocks(perm, 'order-write'));
    ok(!blocks(ACCESS_OK, 'read') && !blocks(ACCESS_OK, 'order-write'));
    equal(checkKind(key), 'read');
    equal(checkKind(perm), 'order-write');
  });

  it('names the reason, the error and where it happened', () => {
    const key = onRefusal(ACCESS_OK, expired, 0, policy).state;
    ok(accessReason(key).includes('expired_access_key on GET /v1/accounts'));
    ok(
      accessReason(onRefusal(ACCESS_OK, noOrders, 0, policy).state).includes(
        'may not place orders',
      ),
    );
  });
});

describe('exchange access: check backoff', () => {
  it('doubles from the first wait up to the cap', () => {
    deepEqual(
      [0, 1, 2, 3, 4, 5, 6, 7, 40].map((n) => checkDelayMs(n, policy)),
      [1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000],
    );
  });

  it('each failed check schedules the next one later, never beyond the cap', () => {
    let state: AccessState = onRefusal(ACCESS_OK, expired, 0, policy).state;
    let now = 0;
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      now = state.status === 'lost' ? state.nextCheckAt : now;
      const next = onCheckFailed(state, now, policy);
      if (next.status === 'lost') waits.push(next.nextCheckAt - now);
      state = next;
    }
    deepEqual(waits, [2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000, 60_000, 60_000]);
  });

  it('bounds the requests of a long outage: at most one per cap after the ramp', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 48 * 3600 * 1000 }), (outageMs) => {
        let state: AccessState = onRefusal(ACCESS_OK, expired, 0, policy).state;
        let checks = 0;
        while (state.status === 'lost' && state.nextCheckAt <= outageMs) {
          checks += 1;
          state = onCheckFailed(state, state.nextCheckAt, policy);
        }
        return checks <= 6 + Math.ceil(outageMs / policy.maxCheckMs);
      }),
    );
  });
});
