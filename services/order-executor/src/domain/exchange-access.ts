import type { AccessProblem, AccessRefusal } from '@hoga/upbit';

/** Which kind of Upbit call: a read (balances, orders) or an order write (place, test, cancel). */
export type CallKind = 'read' | 'order-write';

/** When access is checked again while lost: `firstCheckMs` doubling per check up to `maxCheckMs`. */
export interface AccessCheckPolicy {
  readonly firstCheckMs: number;
  readonly maxCheckMs: number;
}

/** The account's access to Upbit. Times are ms since the epoch (passed in: no clock here). */
export type AccessState =
  | { readonly status: 'ok' }
  | {
      readonly status: 'lost';
      readonly problem: AccessProblem;
      readonly errorName: string;
      readonly where: string;
      readonly since: number;
      /** Checks made since access was lost. */
      readonly checks: number;
      readonly nextCheckAt: number;
    };

/** What a step did: nothing to tell, access lost, lost worse (the key after the permission), or back. */
export type AccessChange = 'none' | 'lost' | 'worse' | 'restored';

/** A step: the next state and what it means for the operator (one alert per change). */
export interface AccessStep {
  readonly state: AccessState;
  readonly change: AccessChange;
}

/** Access works: the state every executor starts in. */
export const ACCESS_OK: AccessState = { status: 'ok' };

/** The wait before check number `checks` (0-based): capped exponential, no jitter (one client). */
export function checkDelayMs(checks: number, policy: AccessCheckPolicy): number {
  return Math.min(policy.maxCheckMs, policy.firstCheckMs * 2 ** Math.min(checks, 30));
}

/**
 * Upbit refused the key or its order permission (from any call, the private socket, or a
 * check). The first refusal loses access (`lost`); a dead key after a missing permission is
 * `worse`; more refusals of the same problem change nothing (no alert per request).
 */
export function onRefusal(
  state: AccessState,
  refusal: AccessRefusal,
  nowMs: number,
  policy: AccessCheckPolicy,
): AccessStep {
  const lost = (checks: number): AccessState => ({
    status: 'lost',
    problem: refusal.problem,
    errorName: refusal.errorName,
    where: refusal.where,
    since: nowMs,
    checks,
    nextCheckAt: nowMs + checkDelayMs(checks, policy),
  });
  if (state.status === 'ok') return { state: lost(0), change: 'lost' };
  if (state.problem === 'order-permission' && refusal.problem === 'credentials')
    return { state: lost(0), change: 'worse' };
  return { state, change: 'none' };
}

/**
 * A call of `kind` was answered by Upbit without an access refusal (a success, or an error about
 * the request itself such as `order_not_found` or `insufficient_funds_bid`): the key works. A
 * lost key comes back on any such answer; a missing order permission only on an order write.
 */
export function onAccepted(state: AccessState, kind: CallKind): AccessStep {
  if (state.status === 'ok') return { state, change: 'none' };
  if (state.problem === 'order-permission' && kind !== 'order-write')
    return { state, change: 'none' };
  return { state: ACCESS_OK, change: 'restored' };
}

/** A check did not bring access back: the next one waits twice as long, up to the cap. */
export function onCheckFailed(
  state: AccessState,
  nowMs: number,
  policy: AccessCheckPolicy,
): AccessState {
  if (state.status === 'ok') return state;
  const checks = state.checks + 1;
  return { ...state, checks, nextCheckAt: nowMs + checkDelayMs(checks, policy) };
}

/**
 * True when a call of `kind` must not be sent now: with the key refused nothing is sent but the
 * checks; with the order permission missing no order write is sent. So a lost key costs one
 * request per check, never one per loop or per command.
 */
export function blocks(state: AccessState, kind: CallKind): boolean {
  if (state.status === 'ok') return false;
  return state.problem === 'credentials' || kind === 'order-write';
}

/** The call a check makes: a read for a lost key, an order test for a missing permission. */
export const checkKind = (state: AccessState): CallKind =>
  state.status === 'lost' && state.problem === 'order-permission' ? 'order-write' : 'read';

/** For people: why entries cannot work now, and what brings them back. */
export function accessReason(state: AccessState): string {
  if (state.status === 'ok') return 'Upbit accepts the API key and its order permission';
  const what =
    state.problem === 'credentials'
      ? `Upbit refuses the API key (${state.errorName} on ${state.where}): expired, revoked or this IP is not on its allow-list`
      : `the API key may not place orders (${state.errorName} on ${state.where})`;
  return `${what}; entries are denied and exits are held until access returns (renew or fix the key; hoga checks again by itself)`;
}
