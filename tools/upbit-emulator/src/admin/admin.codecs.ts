import * as t from 'io-ts';
import { UPBIT_LIMITS, type GroupLimit, type RateGroup } from '../http/rate-limiter.js';

const Amounts = t.record(t.string, t.string);
const GroupLimitC: t.Type<GroupLimit> = t.type({ limit: t.number, windowMs: t.number });
const GROUP_LIMITS = Object.fromEntries(
  Object.keys(UPBIT_LIMITS).map((g) => [g, GroupLimitC]),
) as Record<RateGroup, t.Type<GroupLimit>>;

/** `POST /__admin/step`. */
export const StepBody = t.partial({ steps: t.number });
/** `PUT /__admin/markets/{market}/price`. */
export const PriceBody = t.type({ price: t.string });
/** `POST /__admin/markets/{market}/jump`. */
export const JumpBody = t.type({ pct: t.number });
/** `PUT /__admin/accounts/{accessKey}/balances`: currency -> amount. */
export const BalancesBody = Amounts;
/** `POST /__admin/accounts`. */
export const AccountBody = t.intersection([
  t.type({ accessKey: t.string, secretKey: t.string }),
  t.partial({
    balances: Amounts,
    scopes: t.array(t.keyof({ accounts: null, 'orders:read': null, 'orders:write': null })),
    allowedIps: t.array(t.string),
    expiresAt: t.number,
  }),
]);
/** `PUT /__admin/faults`: any subset of the fault settings. */
export const FaultsBody = t.exact(
  t.partial({
    latencyMs: t.number,
    dropNextOrderResponses: t.number,
    fail5xxNext: t.number,
    fail5xxStatus: t.number,
    fail5xxAfterProcessing: t.boolean,
    fail5xxScope: t.keyof({ orders: null, all: null }),
    burst429: t.number,
    refuseWebSockets: t.boolean,
    identifierLookupLagMs: t.number,
  }),
);
/** `POST /__admin/websockets/drop`. */
export const DropBody = t.partial({ kind: t.keyof({ all: null, public: null, private: null }) });
/** `PUT /__admin/accounts/{accessKey}/access`: any subset of a key's run-time access. */
export const KeyAccessBody = t.exact(
  t.partial({
    key: t.keyof({ ok: null, revoked: null, expired: null, 'ip-not-allowed': null }),
    oldIpSpelling: t.boolean,
    orderPermission: t.boolean,
  }),
);
/** `PUT /__admin/rate-limits`. */
export const RateLimitsBody = t.exact(
  t.partial({
    enabled: t.boolean,
    blockAfterViolations: t.number,
    violationWindowMs: t.number,
    blockBaseMs: t.number,
    blockMaxMs: t.number,
    groups: t.exact(t.partial(GROUP_LIMITS)),
  }),
);
