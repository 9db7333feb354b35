import * as t from 'io-ts';
import { Market } from '@hoga/model';
import { NonNegativeIntC, nullable, text } from './codec-helpers.js';
import { envelope, IsoDateTime } from './envelope.js';

/**
 * What is lost: the key itself (`credentials`: expired, revoked, IP not on the allow-list) or
 * only the permission to place orders (`order-permission`: 403 `out_of_scope` on orders).
 */
export const ExchangeAccessProblem = t.keyof(
  { credentials: null, 'order-permission': null },
  'ExchangeAccessProblem',
);
export type ExchangeAccessProblem = t.TypeOf<typeof ExchangeAccessProblem>;

/**
 * The account's access to Upbit as order-executor sees it, on `hoga.account.access` (latest
 * value: published on every change and at least every few seconds). risk-guard shows a lost
 * access as a condition of the trading state (`hoga risk status`); entries are denied meanwhile.
 */
export const ExchangeAccessState = envelope(
  'ExchangeAccessState',
  t.strict({
    status: t.keyof({ ok: null, lost: null }, 'ExchangeAccessStatus'),
    /** Null while ok. */
    problem: nullable(ExchangeAccessProblem),
    /** Upbit's error name that proved it (`expired_access_key`, `out_of_scope`, `INVALID_AUTH`). */
    errorName: nullable(text(100)),
    /** Where it was refused: `POST /v1/orders`, `GET /v1/accounts`, `private WebSocket`. */
    where: nullable(text(100)),
    /** For people: why entries cannot work, and what to do. */
    reason: text(500),
    /** Since when access is lost; null while ok. */
    since: nullable(IsoDateTime),
    /** When access is checked again (capped exponential backoff); null while ok. */
    nextCheckAt: nullable(IsoDateTime),
    /** Checks made since access was lost. */
    checks: NonNegativeIntC,
    /** Exit orders held until access returns (they cannot be placed), by market. */
    heldExits: t.array(t.strict({ orderId: text(128, 1), market: Market })),
  }),
);
export type ExchangeAccessState = t.TypeOf<typeof ExchangeAccessState>;
