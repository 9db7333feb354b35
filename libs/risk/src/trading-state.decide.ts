import * as E from 'fp-ts/lib/Either.js';
import { evaluateLossLimit } from './loss-limit.js';
import { rejections, type RiskRejection } from './risk-rejection.js';
import type {
  ArmLossLimit,
  EquitySnapshot,
  OperatorStamp,
  RecordLossLimitBreach,
  TradingStateCommand,
} from './trading-state.commands.js';
import {
  LOSS_LIMIT_ACTOR,
  type LossLimitArmed,
  type TradingStateEvent,
  type TradingStateName,
} from './trading-state.events.js';
import {
  evolve,
  initialTradingState,
  isLegalOperatorTransition,
  type TradingState,
} from './trading-state.js';

/** What `decide` returns: the events to append, or why the command was refused. */
export type Decision = E.Either<RiskRejection, readonly TradingStateEvent[]>;

const NOTHING: Decision = E.right([]);

function auditGap(stamp: OperatorStamp): RiskRejection | null {
  for (const field of ['commandId', 'issuedBy', 'reason'] as const)
    if (stamp[field].trim() === '') return rejections.missingAuditField(field);
  return null;
}

function armed(
  ratePct: ArmLossLimit['ratePct'],
  snapshot: EquitySnapshot & OperatorStamp,
): E.Either<RiskRejection, LossLimitArmed> {
  if (!ratePct.isFinite() || ratePct.lte(0) || ratePct.gt(100))
    return E.left(rejections.invalidRate(ratePct));
  if (!snapshot.equityKrw.isFinite() || snapshot.equityKrw.lte(0))
    return E.left(rejections.invalidEquity(snapshot.equityKrw));
  return E.right({
    type: 'LossLimitArmed',
    ratePct,
    equityAtArming: snapshot.equityKrw,
    unrealizedPnlAtArming: snapshot.unrealizedPnlKrw,
    armedAt: snapshot.at,
    by: snapshot.issuedBy,
    reason: snapshot.reason,
    commandId: snapshot.commandId,
  });
}

function move(
  to: TradingStateName,
  stamp: OperatorStamp,
  state: TradingState,
  snapshot: EquitySnapshot | null = null,
): Decision {
  const from = state.tradingState;
  if (from === to) return NOTHING;
  if (!isLegalOperatorTransition(from, to)) return E.left(rejections.illegalTransition(from, to));
  const changed: TradingStateEvent = {
    type: 'TradingStateChanged',
    from,
    to,
    by: stamp.issuedBy,
    reason: stamp.reason,
    at: stamp.at,
    commandId: stamp.commandId,
  };
  if (from !== 'HALTED' || state.lossLimit === null || snapshot === null) return E.right([changed]);
  // Leaving safe mode re-arms the configured limit on the equity measured now.
  const rearmed = armed(state.lossLimit.ratePct, { ...stamp, ...snapshot });
  return E.map((event: LossLimitArmed) => [changed, event])(rearmed);
}

function breach(command: RecordLossLimitBreach, state: TradingState): Decision {
  const limit = state.lossLimit;
  if (limit === null) return E.left(rejections.notArmed());
  if (!limit.armed) return NOTHING;
  const evaluation = evaluateLossLimit(limit, command.figures);
  if (!evaluation.breached) return E.left(rejections.notBreached(evaluation));
  const { ratePct, equityAtArming, unrealizedPnlAtArming } = limit;
  const breached: TradingStateEvent = {
    type: 'LossLimitBreached',
    ratePct,
    equityAtArming,
    unrealizedPnlAtArming,
    evaluation,
    at: command.at,
  };
  if (state.tradingState === 'HALTED') return E.right([breached]);
  const reason = `loss limit breached: lost ${evaluation.lossRatePct.toString()}% (limit ${ratePct.toString()}%)`;
  return E.right([
    breached,
    {
      type: 'TradingStateChanged',
      from: state.tradingState,
      to: 'HALTED',
      by: LOSS_LIMIT_ACTOR,
      reason,
      at: command.at,
      commandId: null,
    },
  ]);
}

/**
 * Decides a trading-state command against the current state. Pure: time and figures come in the
 * command. The rules:
 * - operator: ACTIVE -> REDUCING | HALTED; REDUCING -> ACTIVE | HALTED; HALTED -> ACTIVE only
 *   (resume). Leaving HALTED re-arms a configured loss limit on the resume's equity snapshot.
 * - breach (re-checked here): ACTIVE | REDUCING -> HALTED; while HALTED it is recorded, nothing
 *   moves; a limit that already fired ignores further breaches until re-armed.
 * - operator commands need a non-blank commandId, issuedBy and reason; a remembered commandId
 *   is a no-op, and so is asking for the state already in force.
 */
export function decide(command: TradingStateCommand, state: TradingState): Decision {
  if (command.type === 'RecordLossLimitBreach') return breach(command, state);
  if (state.recentCommandIds.includes(command.commandId)) return NOTHING;
  const gap = auditGap(command);
  if (gap !== null) return E.left(gap);
  switch (command.type) {
    case 'ArmLossLimit':
      return E.map((event: LossLimitArmed): readonly TradingStateEvent[] => [event])(
        armed(command.ratePct, command),
      );
    case 'DisarmLossLimit':
      if (state.lossLimit === null) return NOTHING;
      return E.right([
        {
          type: 'LossLimitDisarmed',
          by: command.issuedBy,
          reason: command.reason,
          at: command.at,
          commandId: command.commandId,
        },
      ]);
    case 'HaltTrading':
      return move('HALTED', command, state);
    case 'ReduceTrading':
      return move('REDUCING', command, state);
    case 'ResumeTrading':
      return move('ACTIVE', command, state, command);
  }
}

/** The trading state as a decider: `initialState`, `decide`, `evolve`. */
export const tradingStateDecider = { initialState: initialTradingState, decide, evolve } as const;
