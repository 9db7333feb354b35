import * as t from 'io-ts';
import { taggedUnion, text } from './codec-helpers.js';

/** Why an operator request failed. */
export const OpsErrorCode = t.keyof(
  {
    /** The request did not decode or makes no sense (`message` says why). */
    'bad-request': null,
    /** No such position (or other target). */
    'not-found': null,
    /** Not allowed in the target's current state (closing a closed position). */
    conflict: null,
    /** Refused by the risk state (running a strategy while HALTED). */
    denied: null,
    /** The service cannot serve it now (starting, draining, reconciling). */
    unavailable: null,
    /** A bug or an unexpected failure: see the service's logs. */
    internal: null,
  },
  'OpsErrorCode',
);
export type OpsErrorCode = t.TypeOf<typeof OpsErrorCode>;

/** The failed reply of every operator endpoint. */
export const OpsFailure = t.strict(
  { ok: t.literal(false), error: t.strict({ code: OpsErrorCode, message: text(1000) }) },
  'OpsFailure',
);
export type OpsFailure = t.TypeOf<typeof OpsFailure>;

/** Builds a failed reply. */
export const opsFailure = (code: OpsErrorCode, message: string): OpsFailure => ({
  ok: false,
  error: { code, message },
});

/**
 * The reply codec of an endpoint: `{ ok: true, ...props } | { ok: false, error }`. Replies are
 * plain (not enveloped): the request's envelope already carries the correlation, and a failure
 * has the same shape everywhere so the bus can answer a thrown error without knowing the route.
 */
export const opsReply = <P extends t.Props>(name: string, props: P) =>
  taggedUnion(name, 'ok', 'true | false', [
    t.strict({ ok: t.literal(true), ...props }, `${name}Ok`),
    OpsFailure,
  ]);
