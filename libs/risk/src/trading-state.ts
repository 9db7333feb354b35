import type { Decimal, Krw } from '@hoga/model';
import type { TradingStateEvent, TradingStateName } from './trading-state.events.js';

/** The loss limit as configured. `armed` false means it has fired and waits for a re-arm. */
export interface LossLimitState {
  readonly armed: boolean;
  readonly ratePct: Decimal;
  readonly equityAtArming: Krw;
  readonly unrealizedPnlAtArming: Krw;
  readonly armedAt: string;
}

/** One recorded move of the trading state. */
export interface TradingStateTransition {
  readonly from: TradingStateName;
  readonly to: TradingStateName;
  readonly by: string;
  readonly reason: string;
  readonly at: string;
  readonly commandId: string | null;
}

/** The fold of the `risk` stream. */
export interface TradingState {
  readonly tradingState: TradingStateName;
  readonly reason: string;
  /** When the current state began; null before the first transition. */
  readonly since: string | null;
  readonly lossLimit: LossLimitState | null;
  /** The latest transitions, oldest first, at most {@link MAX_TRANSITIONS_KEPT}. */
  readonly lastTransitions: readonly TradingStateTransition[];
  /** Ids of the latest operator commands that changed something, at most
   * {@link MAX_COMMAND_IDS_KEPT}: a redelivery of one of them is a no-op. */
  readonly recentCommandIds: readonly string[];
}

/** How many transitions the state keeps (the full history is the event stream). */
export const MAX_TRANSITIONS_KEPT = 20;
/** How many operator command ids the state remembers for deduplication. */
export const MAX_COMMAND_IDS_KEPT = 256;

/** A fresh engine trades (ACTIVE) with no loss limit until one is armed. */
export const initialTradingState = (): TradingState => ({
  tradingState: 'ACTIVE',
  reason: 'initial',
  since: null,
  lossLimit: null,
  lastTransitions: [],
  recentCommandIds: [],
});

/**
 * Moves an operator may make, from -> allowed targets. HALTED has one door out: an operator
 * resume to ACTIVE. A loss-limit breach moves ACTIVE or REDUCING to HALTED.
 */
export const OPERATOR_TRANSITIONS: Readonly<Record<TradingStateName, readonly TradingStateName[]>> =
  {
    ACTIVE: ['REDUCING', 'HALTED'],
    REDUCING: ['ACTIVE', 'HALTED'],
    HALTED: ['ACTIVE'],
  };

/** True when an operator may move the trading state from `from` to `to`. */
export const isLegalOperatorTransition = (from: TradingStateName, to: TradingStateName): boolean =>
  OPERATOR_TRANSITIONS[from].includes(to);

const keepLast = <T>(items: readonly T[], max: number): readonly T[] =>
  items.length > max ? items.slice(items.length - max) : items;

const remember = (state: TradingState, commandId: string | null): readonly string[] =>
  commandId === null || state.recentCommandIds.includes(commandId)
    ? state.recentCommandIds
    : keepLast([...state.recentCommandIds, commandId], MAX_COMMAND_IDS_KEPT);

/** Folds one event of the `risk` stream into the state (pure; replay uses the same function). */
export function evolve(state: TradingState, event: TradingStateEvent): TradingState {
  switch (event.type) {
    case 'TradingStateChanged': {
      const { from, to, by, reason, at, commandId } = event;
      return {
        ...state,
        tradingState: to,
        reason,
        since: at,
        lastTransitions: keepLast(
          [...state.lastTransitions, { from, to, by, reason, at, commandId }],
          MAX_TRANSITIONS_KEPT,
        ),
        recentCommandIds: remember(state, commandId),
      };
    }
    case 'LossLimitArmed': {
      const { ratePct, equityAtArming, unrealizedPnlAtArming, armedAt } = event;
      return {
        ...state,
        lossLimit: { armed: true, ratePct, equityAtArming, unrealizedPnlAtArming, armedAt },
        recentCommandIds: remember(state, event.commandId),
      };
    }
    case 'LossLimitBreached':
      return { ...state, lossLimit: state.lossLimit && { ...state.lossLimit, armed: false } };
    case 'LossLimitDisarmed':
      return { ...state, lossLimit: null, recentCommandIds: remember(state, event.commandId) };
  }
}
