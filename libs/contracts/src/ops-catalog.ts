import type * as t from 'io-ts';
import * as account from './account-findings.codec.js';
import * as dash from './dashboard-ops.codec.js';
import * as dl from './dead-letter-ops.codec.js';
import * as exec from './executor-status.codec.js';
import * as feed from './market-feed-ops.codec.js';
import * as ops from './ops.codec.js';
import * as gate from './tick-gate-status.codec.js';
import type { MessageCodec } from './route.js';
import { InvalidSubjectError } from './subject-token.js';

interface Endpoint {
  readonly request: t.Mixed;
  readonly reply: t.Mixed;
}

/** Every operator endpoint, `hoga.ops.<service>.<verb>`: its request and reply codecs. */
export const OPS = {
  'position-actor': {
    run: { request: ops.RunStrategy, reply: ops.RunStrategyReply },
    close: { request: ops.ClosePosition, reply: ops.PositionCommandReply },
    pause: { request: ops.PausePosition, reply: ops.PositionCommandReply },
    resume: { request: ops.ResumePosition, reply: ops.PositionCommandReply },
    'retry-close': { request: ops.RetryClose, reply: ops.PositionCommandReply },
    dismiss: { request: ops.DismissPosition, reply: ops.PositionCommandReply },
    list: { request: ops.ListPositions, reply: ops.ListPositionsReply },
    status: { request: gate.GetPositionActorStatus, reply: gate.PositionActorStatusReply },
    deadletters: { request: dl.ListDeadLetters, reply: dl.DeadLetterListReply },
  },
  'market-feed': {
    history: { request: feed.GetCandleHistory, reply: feed.CandleHistoryReply },
    watch: { request: feed.WatchMarkets, reply: feed.WatchMarketsReply },
    status: { request: gate.GetFeedStatus, reply: gate.FeedStatusReply },
    deadletters: { request: dl.ListDeadLetters, reply: dl.DeadLetterListReply },
  },
  'risk-guard': {
    status: { request: ops.GetRiskStatus, reply: ops.RiskStatusReply },
    resume: { request: ops.ResumeTrading, reply: ops.TradingCommandReply },
    halt: { request: ops.HaltTrading, reply: ops.TradingCommandReply },
    reduce: { request: ops.ReduceTrading, reply: ops.TradingCommandReply },
    arm: { request: ops.ArmLossLimit, reply: ops.LossLimitReply },
    disarm: { request: ops.DisarmLossLimit, reply: ops.LossLimitReply },
    deadletters: { request: dl.ListDeadLetters, reply: dl.DeadLetterListReply },
  },
  'order-executor': {
    status: { request: exec.GetExecutorStatus, reply: exec.ExecutorStatusReply },
    account: { request: account.GetAccountStatus, reply: account.AccountStatusReply },
    ack: { request: account.AcknowledgeFinding, reply: account.AcknowledgeFindingReply },
    deadletters: { request: dl.ListDeadLetters, reply: dl.DeadLetterListReply },
  },
  'dashboard-gateway': {
    status: { request: dash.GetGatewayStatus, reply: dash.GatewayStatusReply },
    'login-link': { request: dash.CreateLoginLink, reply: dash.LoginLinkReply },
    deadletters: { request: dl.ListDeadLetters, reply: dl.DeadLetterListReply },
  },
} as const satisfies Record<string, Record<string, Endpoint>>;

/**
 * The verb every ops service answers without writing a handler: `serveOps` (libs/bus) lists the
 * dead letters kept by the dead-letter stream (ADR 0034).
 */
export const DEAD_LETTERS_VERB = 'deadletters';

/** A service that answers operator requests. */
export type OpsService = keyof typeof OPS;
/** A verb of one service. */
export type OpsVerb<S extends OpsService> = keyof (typeof OPS)[S] & string;
/** The request of an endpoint. */
export type OpsRequest<S extends OpsService, V extends OpsVerb<S>> = (typeof OPS)[S][V] extends {
  readonly request: infer Q extends t.Mixed;
}
  ? t.TypeOf<Q>
  : never;
/** The reply of an endpoint. */
export type OpsReply<S extends OpsService, V extends OpsVerb<S>> = (typeof OPS)[S][V] extends {
  readonly reply: infer R extends t.Mixed;
}
  ? t.TypeOf<R>
  : never;

/** Looks an endpoint up by name (for untyped input: CLI arguments); undefined if none. */
export function findOpsEndpoint(service: string, verb: string): Endpoint | undefined {
  if (!Object.hasOwn(OPS, service)) return undefined;
  const verbs: Readonly<Record<string, Endpoint>> = OPS[service as OpsService];
  return Object.hasOwn(verbs, verb) ? verbs[verb] : undefined;
}

/** The request and reply codecs of one endpoint. */
export interface OpsEndpoint<S extends OpsService, V extends OpsVerb<S>> {
  readonly request: MessageCodec<OpsRequest<S, V>>;
  readonly reply: MessageCodec<OpsReply<S, V>>;
}

/** The codecs of an endpoint; throws an {@link InvalidSubjectError} for an unknown one. */
export function opsEndpoint<S extends OpsService, V extends OpsVerb<S>>(
  service: S,
  verb: V,
): OpsEndpoint<S, V> {
  const endpoint = findOpsEndpoint(service, verb);
  if (endpoint === undefined)
    throw new InvalidSubjectError('ops endpoint', `${service}.${verb}`, 'no such endpoint');
  // OPS ties (S, V) to these codecs; the lookup by string keys only sees `t.Mixed`.
  return endpoint;
}

/** Every (service, verb) pair, for `hoga ops` help and micro-service registration. */
export const OPS_ENDPOINTS: readonly { readonly service: OpsService; readonly verb: string }[] =
  Object.entries(OPS).flatMap(([service, verbs]) =>
    Object.keys(verbs).map((verb) => ({ service: service as OpsService, verb })),
  );
