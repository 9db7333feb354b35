import * as t from 'io-ts';
import { FindingPolicy } from '@hoga/contracts';

const PositiveIntFromEnv = new t.Type<number, number, unknown>(
  'PositiveInt',
  (u): u is number => Number.isSafeInteger(u) && (u as number) > 0,
  (u, c) => {
    const n = typeof u === 'string' && /^\d+$/.test(u.trim()) ? Number(u) : u;
    return typeof n === 'number' && Number.isSafeInteger(n) && n > 0
      ? t.success(n)
      : t.failure(u, c);
  },
  t.identity,
);

/** Upbit's `/v1/orders/closed` window is at most 7 days. */
const MAX_CLOSED_WINDOW_MS = 7 * 24 * 3_600_000;

/**
 * `accountWatch` (ADR 0026): how often the account is reconciled for orders and balance changes
 * hoga did not make, how far back closed orders are read, and the policy per finding kind
 * (`HOGA_ACCOUNT_WATCH__POLICY__FOREIGN_ORDER=alert|reduce|halt`, default `alert`).
 */
export const AccountWatchConfigC = t.strict({
  /** A reconciliation pass every this often (3 `default`-group requests + pages). */
  intervalMs: PositiveIntFromEnv,
  /** Closed orders created this far back are read on each pass (at most 7 days). */
  closedWindowMs: new t.Type<number, number, unknown>(
    'ClosedWindowMs',
    (u): u is number => PositiveIntFromEnv.is(u) && u <= MAX_CLOSED_WINDOW_MS,
    (u, c) => {
      const r = PositiveIntFromEnv.validate(u, c);
      return r._tag === 'Right' && r.right > MAX_CLOSED_WINDOW_MS ? t.failure(u, c) : r;
    },
    t.identity,
  ),
  policy: t.strict({ foreignOrder: FindingPolicy, balanceDrift: FindingPolicy }),
});
export type AccountWatchConfig = t.TypeOf<typeof AccountWatchConfigC>;

export const ACCOUNT_WATCH_DEFAULTS: AccountWatchConfig = {
  intervalMs: 30_000,
  closedWindowMs: 6 * 3_600_000,
  policy: { foreignOrder: 'alert', balanceDrift: 'alert' },
};
