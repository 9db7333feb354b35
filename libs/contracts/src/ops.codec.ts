import * as t from 'io-ts';
import { KrwC, Market, PositionId, StrategyId } from '@hoga/model';
import { envelope, IsoDateTime } from './envelope.js';
import { operatorCommandProps } from './operator.codec.js';
import { PositionState, PositionStatus } from './position-events.codec.js';
import { LossLimit, RiskState, RiskTransition, TradingState } from './risk.codec.js';
import { JsonRecordC, PercentC, nullable, text } from './codec-helpers.js';
import { opsReply } from './ops-reply.codec.js';

/**
 * Launches a strategy: `strategy` is the spec as a JSON object (YAML already parsed), validated
 * by libs/position; position-actor opens a position for it.
 */
export const RunStrategy = envelope(
  'RunStrategy',
  t.strict({ strategy: JsonRecordC, ...operatorCommandProps }),
);
/** The position opened for the strategy. */
export const RunStrategyReply = opsReply('RunStrategyReply', {
  positionId: PositionId,
  strategyId: StrategyId,
});

const positionCommand = <T extends string>(type: T) =>
  envelope(type, t.strict({ positionId: PositionId, ...operatorCommandProps }));
/** Closes a position at market (a pending one is cancelled). */
export const ClosePosition = positionCommand('ClosePosition');
/** Suspends entries and discretionary exits; protective exits stay armed. */
export const PausePosition = positionCommand('PausePosition');
/** Lifts a pause. */
export const ResumePosition = positionCommand('ResumePosition');
/** Tries again to close a position in error. */
export const RetryClose = positionCommand('RetryClose');
/** Accepts a position in error as it is: automated trading of it stays stopped. */
export const DismissPosition = positionCommand('DismissPosition');
/** The reply to every position command: accepted (the effect follows as position events). */
export const PositionCommandReply = opsReply('PositionCommandReply', { positionId: PositionId });

/** Lists positions, optionally only some statuses or one market (null: no filter). */
export const ListPositions = envelope(
  'ListPositions',
  t.strict({
    statuses: nullable(t.array(PositionStatus)),
    market: nullable(Market),
  }),
);
/** The live snapshots of the matching positions. */
export const ListPositionsReply = opsReply('ListPositionsReply', {
  positions: t.array(PositionState.type.props.data),
});

/** Asks the risk guard for its current view. */
export const GetRiskStatus = envelope('GetRiskStatus', t.strict({}));
/**
 * The risk-guard instance that answered — always the leader, the only one serving the ops
 * (ADR 0022) — and when it took over.
 */
export const RiskLeader = t.strict(
  {
    /** `HOGA_RISK_GUARD__LEADERSHIP__INSTANCE_ID`, by default `<hostname>:<pid>`. */
    instanceId: text(256, 1),
    /** When this instance's take-over completed (it leads without a break since). */
    since: IsoDateTime,
  },
  'RiskLeader',
);
export type RiskLeader = t.TypeOf<typeof RiskLeader>;

/**
 * The risk guard's current {@link RiskState} data, the total equity at market now (null before
 * the first account state), the last transitions of the trading state, oldest first, and which
 * instance answered ({@link RiskLeader}).
 */
export const RiskStatusReply = opsReply('RiskStatusReply', {
  risk: RiskState.type.props.data,
  equityKrw: nullable(KrwC),
  lastTransitions: t.array(RiskTransition),
  leader: RiskLeader,
});

const tradingCommand = <T extends string>(type: T) =>
  envelope(type, t.strict(operatorCommandProps));
/** Leaves REDUCING or HALTED for ACTIVE (the audited way out of safe mode). */
export const ResumeTrading = tradingCommand('ResumeTrading');
/** Enters safe mode: every holding position exits, pending ones are cancelled. */
export const HaltTrading = tradingCommand('HaltTrading');
/** Allows exits only. */
export const ReduceTrading = tradingCommand('ReduceTrading');
/** The trading state after the command. */
export const TradingCommandReply = opsReply('TradingCommandReply', { state: TradingState });

/** Arms (or re-arms) the global loss limit; equity is measured now. */
export const ArmLossLimit = envelope(
  'ArmLossLimit',
  t.strict({ ratePct: PercentC, ...operatorCommandProps }),
);
/** Removes the loss limit. */
export const DisarmLossLimit = tradingCommand('DisarmLossLimit');
/** The limit as armed (or null once disarmed), with the equity measured. */
export const LossLimitReply = opsReply('LossLimitReply', { limit: nullable(LossLimit) });
