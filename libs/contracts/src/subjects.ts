import { Market, PositionId } from '@hoga/model';
import { coreRoute, rpcRoute, streamRoute, type Route, type RpcRoute } from './route.js';
import { STREAMS } from './streams.js';
import {
  subjectFilter,
  concreteToken,
  InvalidSubjectError,
  tokenOrWildcard,
} from './subject-token.js';
import { Candle, CandleInterval, Tick } from './market-data.codec.js';
import { OrderCommand } from './order-commands.codec.js';
import { OrderEvent } from './order-events.codec.js';
import { PositionEvent, PositionState } from './position-events.codec.js';
import { AccountState } from './account.codec.js';
import { ExchangeAccessState } from './exchange-access.codec.js';
import { RiskEvent, RiskHalt, RiskState } from './risk.codec.js';
import { LogLevel, LogRecord } from './log.codec.js';
import { Alert, AlertSeverity } from './alert.codec.js';
import { DeadLetter } from './dead-letter.codec.js';
import {
  opsEndpoint,
  type OpsReply,
  type OpsRequest,
  type OpsService,
  type OpsVerb,
} from './ops-catalog.js';
import { ServiceNameC } from './codec-helpers.js';
import { isPartitionCount, MAX_PARTITION_COUNT, partitionOf } from './partition-of.js';

type Any = '*';
const DLQ_PREFIX = 'hoga.dlq.';

/** True for a subject on the dead-letter tree (`hoga.dlq.…`). */
export const isDeadLetterSubject = (subject: string): boolean => subject.startsWith(DLQ_PREFIX);

/** The original subject of a dead-letter subject, or undefined for any other subject. */
export const deadLetterOriginal = (subject: string): string | undefined =>
  isDeadLetterSubject(subject) ? subject.slice(DLQ_PREFIX.length) : undefined;

/** A dead letter is never dead-lettered again: that would loop. */
const deadLetterSuffix = (original: string): string => {
  if (isDeadLetterSubject(original))
    throw new InvalidSubjectError('dead-letter subject', original, 'already a dead letter');
  return subjectFilter('dead-letter subject', original);
};
const market = (m: Market | Any) => tokenOrWildcard('market', m, Market.is);
const position = (id: PositionId | Any) => tokenOrWildcard('positionId', id, PositionId.is);
const PARTITION_TOKEN = /^(0|[1-9][0-9]{0,3})$/;
const partition = (p: number | Any) =>
  tokenOrWildcard(
    'partition',
    String(p),
    (s) => PARTITION_TOKEN.test(s) && Number(s) < MAX_PARTITION_COUNT,
  );

/**
 * The subject registry: the only place where hoga's NATS subjects are spelled (ARCHITECTURE §4).
 * Each function returns the subject paired with the codec of what travels on it and, for
 * JetStream subjects, the stream that captures it. `'*'` subscribes to every value of a token.
 * A token that is not valid for its place throws an {@link InvalidSubjectError}.
 */
export const subjects = {
  /** `hoga.md.tick.<market>`: trades (market-feed -> position-actor, dashboard). */
  mdTick: (m: Market | Any): Route<Tick> => coreRoute(`hoga.md.tick.${market(m)}`, Tick),

  /** `hoga.md.candle.<interval>.<market>`: candles (market-feed -> position-actor). */
  mdCandle: (interval: CandleInterval | Any, m: Market | Any): Route<Candle> =>
    coreRoute(
      `hoga.md.candle.${tokenOrWildcard('interval', interval, CandleInterval.is)}.${market(m)}`,
      Candle,
    ),

  /** `hoga.order.cmd`: work queue, message id = order id (outbox relay -> order-executor). */
  orderCmd: (): Route<OrderCommand> =>
    streamRoute('hoga.order.cmd', OrderCommand, STREAMS.orderCommands),

  /**
   * `hoga.order.evt.<partition>.<positionId>`: order outcomes (order-executor -> position-actor),
   * where `partition` is `partitionOf(positionId, count)` (ADR 0065). Publishers use
   * {@link subjects.orderEvtFor}; this form spells filters (`orderEvt(3, '*')`: one partition's,
   * `orderEvt('*', '*')`: all) and subjects read back.
   */
  orderEvt: (p: number | Any, id: PositionId | Any): Route<OrderEvent> =>
    streamRoute(`hoga.order.evt.${partition(p)}.${position(id)}`, OrderEvent, STREAMS.orderEvents),

  /**
   * The subject of `positionId`'s order events when the positions are spread over `count`
   * partitions: `hoga.order.evt.<partitionOf(positionId, count)>.<positionId>` (ADR 0065).
   * Throws an {@link InvalidSubjectError} for a count outside 1..4096.
   */
  orderEvtFor: (id: PositionId, count: number): Route<OrderEvent> => {
    if (!isPartitionCount(count))
      throw new InvalidSubjectError('partition count', String(count), 'not in 1..4096');
    return subjects.orderEvt(
      partitionOf(concreteToken('positionId', id, PositionId.is), count),
      id,
    );
  },

  /**
   * `hoga.order.evt.<positionId>`: where order events were published before ADR 0065. Nothing
   * publishes here any more: read only to drain the consumers of an upgraded deployment, and to
   * decode dead letters kept from then.
   */
  orderEvtUnpartitioned: (id: PositionId | Any): Route<OrderEvent> =>
    streamRoute(`hoga.order.evt.${position(id)}`, OrderEvent, STREAMS.orderEvents),

  /** `hoga.position.state.<positionId>`: live snapshot (position-actor -> risk-guard, dashboard). */
  positionState: (id: PositionId | Any): Route<PositionState> =>
    coreRoute(`hoga.position.state.${position(id)}`, PositionState),

  /** `hoga.position.evt.<positionId>`: stored position events, relayed (-> dashboard, audit). */
  positionEvt: (id: PositionId | Any): Route<PositionEvent> =>
    streamRoute(`hoga.position.evt.${position(id)}`, PositionEvent, STREAMS.positionEvents),

  /** `hoga.account.state`: exchange balances (order-executor -> risk-guard, dashboard). */
  accountState: (): Route<AccountState> => coreRoute('hoga.account.state', AccountState),

  /** `hoga.account.access`: access to Upbit, ok or lost (order-executor -> risk-guard, dashboard). */
  accountAccess: (): Route<ExchangeAccessState> =>
    coreRoute('hoga.account.access', ExchangeAccessState),

  /** `hoga.risk.state`: the risk guard's view (also in KV `hoga-risk`). */
  riskState: (): Route<RiskState> => streamRoute('hoga.risk.state', RiskState, STREAMS.risk),

  /** `hoga.risk.halt`: safe mode now (risk-guard -> every actor, order-executor). */
  riskHalt: (): Route<RiskHalt> => streamRoute('hoga.risk.halt', RiskHalt, STREAMS.risk),

  /** `hoga.risk.evt`: the `risk` stream's events, relayed (-> dashboard, audit). */
  riskEvt: (): Route<RiskEvent> => streamRoute('hoga.risk.evt', RiskEvent, STREAMS.risk),

  /** `hoga.ops.<service>.<verb>`: an operator endpoint (CLI, dashboard -> a service). */
  ops: <S extends OpsService, V extends OpsVerb<S>>(
    service: S,
    verb: V,
  ): RpcRoute<OpsRequest<S, V>, OpsReply<S, V>> => {
    const endpoint = opsEndpoint(service, verb);
    const subject = `hoga.ops.${concreteToken('service', service)}.${concreteToken('verb', verb)}`;
    return rpcRoute(subject, endpoint.request, endpoint.reply);
  },

  /**
   * `hoga.log.<service>.<level>`: log lines (every service -> dashboard), published plain (core,
   * never awaited) and kept by the `LOGS` stream (ADR 0042).
   */
  log: (service: string, level: LogLevel | Any): Route<LogRecord> =>
    streamRoute(
      `hoga.log.${tokenOrWildcard('service', service, ServiceNameC.is)}.${tokenOrWildcard('level', level, LogLevel.is)}`,
      LogRecord,
      STREAMS.logs,
    ),

  /** `hoga.alert.<severity>`: alerts (any service -> notifier). */
  alert: (severity: AlertSeverity | Any): Route<Alert> =>
    streamRoute(
      `hoga.alert.${tokenOrWildcard('severity', severity, AlertSeverity.is)}`,
      Alert,
      STREAMS.alerts,
    ),

  /**
   * `hoga.dlq.<original subject>`: dead letters (the bus -> operators). `'>'` subscribes to all;
   * otherwise the original subject must be concrete and not itself a dead letter.
   */
  deadLetter: (original: string): Route<DeadLetter> =>
    streamRoute(`${DLQ_PREFIX}${deadLetterSuffix(original)}`, DeadLetter, STREAMS.deadLetters),
};
