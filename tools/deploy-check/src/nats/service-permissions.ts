import { OPS, STREAMS, kv, subjects, type OpsService, type StreamSpec } from '@hoga/contracts';

/** A NATS user of a hoga deployment: one per service, plus the operator (CLI, `nats`). */
export type NatsUser = OpsService | 'operator';

/** What a user may do on JetStream's API, per stream or bucket (names as the bus creates them). */
export interface JetStreamGrants {
  /** Streams it declares (create/update/info): it publishes into or consumes from them. */
  readonly declares: readonly StreamSpec[];
  /** Streams it reads durable consumers of (create, info, next, ack). */
  readonly consumes: readonly StreamSpec[];
  /**
   * Streams whose durable consumers it may delete: an earlier version's, once drained (ADR 0065:
   * position-actor's unpartitioned order-event consumers).
   */
  readonly retiresConsumers: readonly StreamSpec[];
  /** Streams whose stored messages it reads by sequence (the log viewer, dead letters). */
  readonly reads: readonly StreamSpec[];
  /** Buckets it opens (opening creates the bucket when absent), watches and reads. */
  readonly buckets: readonly string[];
  /** Buckets it writes. */
  readonly writesBuckets: readonly string[];
}

/** Everything one user needs: subjects it publishes and subscribes to, and JetStream grants. */
export interface ServicePermissions {
  readonly publish: readonly string[];
  readonly subscribe: readonly string[];
  /** It answers requests: it may publish on the reply subject of a request it received. */
  readonly answersRequests: boolean;
  readonly jetstream: JetStreamGrants;
}

const riskBucket = kv.risk().bucket;
/** The ops endpoints of one service, `hoga.ops.<service>.*`, from the registry. */
const opsOf = (service: OpsService): string[] =>
  Object.keys(OPS[service]).map((verb) => subjects.ops(service, verb as never).subject);
const allOps = (): string[] => (Object.keys(OPS) as OpsService[]).flatMap(opsOf);
/** Micro-service discovery (`$SRV.PING|INFO|STATS`), answered by every service. */
const DISCOVERY = '$SRV.>';
/** Replies to this connection's requests and JetStream API calls. */
const INBOX = '_INBOX.>';

/** What every service does: its log lines, alerts, dead letters, discovery and its ops. */
function common(service: OpsService) {
  return {
    publish: [
      subjects.log(service, '*').subject,
      subjects.alert('*').subject,
      subjects.deadLetter('>').subject,
    ],
    subscribe: [...opsOf(service), DISCOVERY, INBOX],
    declares: [STREAMS.logs, STREAMS.alerts, STREAMS.deadLetters],
    reads: [STREAMS.deadLetters],
  };
}

function service(
  name: OpsService,
  own: {
    publish: string[];
    subscribe: string[];
    declares?: StreamSpec[];
    consumes?: StreamSpec[];
    retiresConsumers?: StreamSpec[];
    reads?: StreamSpec[];
    buckets?: string[];
    writesBuckets?: string[];
  },
): ServicePermissions {
  const c = common(name);
  return {
    publish: [...c.publish, ...own.publish],
    subscribe: [...c.subscribe, ...own.subscribe],
    answersRequests: true,
    jetstream: {
      declares: [...c.declares, ...(own.declares ?? [])],
      consumes: own.consumes ?? [],
      retiresConsumers: own.retiresConsumers ?? [],
      reads: [...c.reads, ...(own.reads ?? [])],
      buckets: own.buckets ?? [],
      writesBuckets: own.writesBuckets ?? [],
    },
  };
}

/**
 * Who may do what, each subject spelled by the registry (ARCHITECTURE §4). This is the source of
 * `deploy/nats/hoga-users.conf` (rendered by `renderUsersConf`); the deploy tests prove on a real
 * nats-server that each user can do all of this and nothing else.
 */
export const PERMISSIONS: Readonly<Record<NatsUser, ServicePermissions>> = {
  'market-feed': service('market-feed', {
    publish: [subjects.mdTick('*').subject, subjects.mdCandle('*', '*').subject],
    subscribe: [],
  }),
  'position-actor': service('position-actor', {
    publish: [
      subjects.orderCmd().subject,
      subjects.positionState('*').subject,
      subjects.positionEvt('*').subject,
      // warm-up and market leases: it asks market-feed (ADR 0018 §8)
      subjects.ops('market-feed', 'history').subject,
      subjects.ops('market-feed', 'watch').subject,
    ],
    subscribe: [
      subjects.mdTick('*').subject,
      subjects.mdCandle('*', '*').subject,
      subjects.riskHalt().subject,
    ],
    declares: [STREAMS.orderCommands, STREAMS.positionEvents, STREAMS.orderEvents],
    consumes: [STREAMS.orderEvents],
    retiresConsumers: [STREAMS.orderEvents],
    buckets: [riskBucket],
  }),
  'order-executor': service('order-executor', {
    publish: [
      subjects.orderEvt('*', '*').subject,
      subjects.accountState().subject,
      subjects.accountAccess().subject,
    ],
    subscribe: [],
    declares: [STREAMS.orderCommands, STREAMS.orderEvents],
    consumes: [STREAMS.orderCommands],
    buckets: [riskBucket],
  }),
  'risk-guard': service('risk-guard', {
    publish: [
      subjects.riskState().subject,
      subjects.riskHalt().subject,
      subjects.riskEvt().subject,
    ],
    subscribe: [
      subjects.mdTick('*').subject,
      subjects.positionState('*').subject,
      subjects.accountState().subject,
      subjects.accountAccess().subject,
      subjects.riskHalt().subject,
    ],
    declares: [STREAMS.risk],
    consumes: [STREAMS.alerts],
    buckets: [riskBucket],
    writesBuckets: [riskBucket],
  }),
  'dashboard-gateway': service('dashboard-gateway', {
    publish: allOps(),
    subscribe: [
      subjects.mdTick('*').subject,
      subjects.positionState('*').subject,
      subjects.accountState().subject,
      subjects.accountAccess().subject,
      subjects.riskState().subject,
      subjects.log('*', '*').subject,
    ],
    reads: [STREAMS.logs],
  }),
  operator: {
    publish: [...allOps(), DISCOVERY],
    subscribe: [INBOX],
    answersRequests: false,
    jetstream: {
      declares: [],
      consumes: [],
      retiresConsumers: [],
      reads: [STREAMS.deadLetters, STREAMS.logs],
      buckets: [],
      writesBuckets: [],
    },
  },
};

/** Every user, in a stable order. */
export const NATS_USERS = Object.keys(PERMISSIONS) as NatsUser[];
