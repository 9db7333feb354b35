import type * as t from 'io-ts';
import type { HttpMethod } from '../errors/upbit.errors.js';

/** A REST endpoint: how to call it, how it is limited, and how its answer decodes. */
export interface Endpoint<A> {
  readonly method: HttpMethod;
  /** Path without query, `/v1/orders`. */
  readonly path: string;
  /** Rate-limit group (`Remaining-Req` name). */
  readonly group: string;
  /** Signed with the account's JWT. */
  readonly auth: boolean;
  /**
   * Changes state at Upbit (place or cancel an order): a lost answer becomes
   * `UpbitOutcomeUnknownError` and is never retried blindly.
   */
  readonly sideEffect: boolean;
  readonly codec: t.Type<A, unknown, unknown>;
}

/** Builds an endpoint description (keeps call sites short). */
export const endpoint = <A>(
  method: HttpMethod,
  path: string,
  group: string,
  codec: t.Type<A, unknown, unknown>,
  flags: { auth?: boolean; sideEffect?: boolean } = {},
): Endpoint<A> => ({
  method,
  path,
  group,
  codec,
  auth: flags.auth ?? false,
  sideEffect: flags.sideEffect ?? false,
});
