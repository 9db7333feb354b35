import type { DEAD_LETTERS_VERB, OpsService, OpsVerb } from '@hoga/contracts';
import type { OpsReplyOf as OpsReply, OpsRequestOf as OpsRequest } from './ops-types.js';
import type { BusLogger } from '../bus-logger.js';
import type { Headers } from '../bus.port.js';

/** What a handler knows about a request besides its decoded body. */
export interface OpsMeta {
  /** The endpoint's subject, without the bus namespace (`subjects.ops('position-actor', 'close')`). */
  readonly subject: string;
  /** The request headers (`traceparent`, `tracestate` ...). */
  readonly headers: Headers;
}

/**
 * Answers one operator endpoint: gets the decoded request, returns the reply (a success, or an
 * `opsFailure(code, message)` for an expected refusal). A thrown {@link OpsError} becomes a
 * failure with its code; any other error becomes `internal` (logged, never sent back).
 */
export type OpsHandler<S extends OpsService, V extends OpsVerb<S>> = (
  request: OpsRequest<S, V>,
  meta: OpsMeta,
) => Promise<OpsReply<S, V>>;

/**
 * One handler per verb of the service, as listed in the contracts' `OPS` catalog, except
 * `deadletters`, which `serveOps` answers itself for every service (ADR 0034).
 */
export type OpsHandlers<S extends OpsService> = {
  readonly [V in Exclude<OpsVerb<S>, typeof DEAD_LETTERS_VERB>]: OpsHandler<S, V>;
};

/** Options of `serveOps`. */
export interface ServeOpsOptions {
  /** Version shown by `nats micro info` (semver; default `0.1.0`). */
  readonly version?: string;
  /** Description shown by `nats micro info` (default `hoga <service> operator endpoints`). */
  readonly description?: string;
  /**
   * Verbs answered by EVERY instance of the service (no queue group), for requests each instance
   * must act on (market-feed's `watch`); the requester gets the first reply. Default: none — one
   * instance of the queue group answers.
   */
  readonly broadcast?: readonly string[];
  /** Where handler failures are reported (default: JSON lines on stderr). */
  readonly logger?: BusLogger;
}

/** The operator endpoints of one service, being served. */
export interface OpsServer {
  /** The micro-service id (`nats micro info <name> <id>`); undefined on the in-process bus. */
  readonly id: string | undefined;
  /** Stops answering; resolves once the requests being answered have been answered. */
  stop(): Promise<void>;
}
