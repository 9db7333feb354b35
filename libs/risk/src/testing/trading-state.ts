import * as E from 'fp-ts/lib/Either.js';
import { dec, krw } from '@hoga/model';
import type { LossFigures } from '../loss-limit.js';
import type { OperatorStamp, TradingStateCommand } from '../trading-state.commands.js';
import { decide } from '../trading-state.decide.js';
import { evolve, initialTradingState, type TradingState } from '../trading-state.js';
import type {
  TradingStateChanged,
  TradingStateEvent,
  TradingStateName,
} from '../trading-state.events.js';
import type { RiskRejection } from '../risk-rejection.js';

/** Test fixtures for the trading-state decider (not exported from the package). */

/** The instants the fixtures use. */
export const T0 = '2026-11-23T10:00:00.000Z';
export const T1 = '2026-11-23T10:05:00.000Z';
export const T2 = '2026-11-23T10:10:00.000Z';

export const stamp = (commandId: string, at = T1, issuedBy = 'cli:alice'): OperatorStamp => ({
  commandId,
  issuedBy,
  reason: `test ${commandId}`,
  at,
});

export const arm = (commandId = 'arm-1', ratePct = '10', equity = '10000000', unrealized = '0') =>
  ({
    type: 'ArmLossLimit',
    ...stamp(commandId, T0),
    ratePct: dec(ratePct),
    equityKrw: krw(equity),
    unrealizedPnlKrw: krw(unrealized),
  }) as const satisfies TradingStateCommand;

export const halt = (commandId = 'halt-1') =>
  ({ type: 'HaltTrading', ...stamp(commandId) }) as const;
export const reduce = (commandId = 'reduce-1') =>
  ({ type: 'ReduceTrading', ...stamp(commandId) }) as const;
export const disarm = (commandId = 'disarm-1') =>
  ({ type: 'DisarmLossLimit', ...stamp(commandId) }) as const;
export const resume = (commandId = 'resume-1', equity = '9000000', unrealized = '0') =>
  ({
    type: 'ResumeTrading',
    ...stamp(commandId, T2),
    equityKrw: krw(equity),
    unrealizedPnlKrw: krw(unrealized),
  }) as const satisfies TradingStateCommand;

export const figures = (unrealized: string, realized = '0'): LossFigures => ({
  totalUnrealizedPnl: krw(unrealized),
  realizedPnlSinceArming: krw(realized),
});

export const breach = (unrealized: string, realized = '0', at = T1) =>
  ({ type: 'RecordLossLimitBreach', figures: figures(unrealized, realized), at }) as const;

/** The TradingStateChanged an operator command of the fixtures produces (`by` cli:alice). */
export const changed = (
  from: TradingStateName,
  to: TradingStateName,
  commandId: string | null,
  at = T1,
  by = 'cli:alice',
): TradingStateChanged => ({
  type: 'TradingStateChanged',
  from,
  to,
  by,
  reason: `test ${commandId}`,
  at,
  commandId,
});

/** The state after deciding and applying each command in turn; throws on a rejection. */
export function run(
  commands: readonly TradingStateCommand[],
  from = initialTradingState(),
): TradingState {
  return commands.reduce(
    (state, command) => decideOrThrow(command, state).reduce(evolve, state),
    from,
  );
}

/** The events the commands produce, in order, each decided on the state the previous ones built. */
export function eventsOf(commands: readonly TradingStateCommand[]): readonly TradingStateEvent[] {
  const events: TradingStateEvent[] = [];
  let state = initialTradingState();
  for (const command of commands) {
    const produced = decideOrThrow(command, state);
    events.push(...produced);
    state = produced.reduce(evolve, state);
  }
  return events;
}

/** A rejection thrown by {@link decideOrThrow}. */
export class CommandRejected extends Error {
  constructor(readonly rejection: RiskRejection) {
    super(rejection.message);
  }
}

/** `decide` that throws its rejection: the shape the testkit's `deciderSpec` expects. */
export function decideOrThrow(
  command: TradingStateCommand,
  state: TradingState,
): readonly TradingStateEvent[] {
  const decision = decide(command, state);
  if (E.isLeft(decision)) throw new CommandRejected(decision.left);
  return decision.right;
}

/** A predicate for `thenThrows`: the rejection has this code. */
export const rejectedWith =
  (code: RiskRejection['code']) =>
  (error: unknown): boolean =>
    error instanceof CommandRejected && error.rejection.code === code;
