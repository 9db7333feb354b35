import type { RiskCondition, RiskState, RiskTransition } from '@hoga/contracts';
import { evaluateLossLimit, type TradingState } from '@hoga/risk';
import type { Portfolio } from './portfolio.js';

/** The reason field of `RiskState` holds at most this many characters. */
const MAX_REASON = 500;
/** The `by` field of a transition holds at most this many characters. */
const MAX_BY = 128;

/**
 * The risk guard's view: the folded trading state plus the live figures of the portfolio, and
 * the conditions (lost exchange access, quiet markets) when there are any.
 */
export function riskView(
  state: TradingState,
  portfolio: Portfolio,
  conditions: readonly RiskCondition[] = [],
): RiskState['data'] {
  const limit = state.lossLimit;
  return {
    state: state.tradingState,
    reason: state.reason.slice(0, MAX_REASON),
    since: state.since,
    lossLimit: limit,
    evaluation: limit === null ? null : evaluateLossLimit(limit, portfolio.figures),
    unrealizedPnlKrw: portfolio.unrealizedPnl,
    exposureKrw: portfolio.exposure,
    holdingPositions: portfolio.holdingPositions,
    ...(conditions.length > 0 ? { conditions: [...conditions] } : {}),
  };
}

/** The kept transitions (oldest first) as `status` answers them; the audit is the stream. */
export const transitionsView = (state: TradingState): RiskTransition[] =>
  state.lastTransitions.map((t) => ({
    from: t.from,
    to: t.to,
    by: t.by.slice(0, MAX_BY),
    reason: t.reason.slice(0, MAX_REASON),
    at: t.at,
  }));
