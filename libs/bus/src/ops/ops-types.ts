import type { OPS, OpsService, OpsVerb } from '@hoga/contracts';
import type * as t from 'io-ts';

/**
 * The request of an endpoint. The contracts' `OpsRequest` reads the codec through
 * `& { request: t.Mixed }`, whose `any` absorbs the type; this reads it with `infer` instead.
 */
export type OpsRequestOf<S extends OpsService, V extends OpsVerb<S>> = (typeof OPS)[S][V] extends {
  readonly request: infer Q extends t.Mixed;
}
  ? t.TypeOf<Q>
  : never;

/** The reply of an endpoint (see {@link OpsRequestOf}). */
export type OpsReplyOf<S extends OpsService, V extends OpsVerb<S>> = (typeof OPS)[S][V] extends {
  readonly reply: infer R extends t.Mixed;
}
  ? t.TypeOf<R>
  : never;
