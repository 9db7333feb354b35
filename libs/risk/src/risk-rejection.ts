import { formatKrw, type Decimal, type Krw } from '@hoga/model';
import type { LossEvaluation } from './loss-limit.js';

import type { TradingStateName } from './trading-state.events.js';

/** Why the trading-state decider refused a command (a value, never thrown). */
export type RiskRejection =
  | {
      readonly code: 'illegal-transition';
      readonly from: TradingStateName;
      readonly to: TradingStateName;
      readonly message: string;
    }
  | {
      readonly code: 'missing-audit-field';
      readonly field: 'commandId' | 'issuedBy' | 'reason';
      readonly message: string;
    }
  | {
      readonly code: 'invalid-loss-limit-rate';
      readonly ratePct: Decimal;
      readonly message: string;
    }
  | { readonly code: 'invalid-equity'; readonly equityKrw: Krw; readonly message: string }
  | { readonly code: 'loss-limit-not-armed'; readonly message: string }
  | {
      readonly code: 'loss-limit-not-breached';
      readonly evaluation: LossEvaluation;
      readonly message: string;
    };

/** The code of every {@link RiskRejection}. */
export type RiskRejectionCode = RiskRejection['code'];

/** Builders of the rejections, each with its human-readable message. */
export const rejections = {
  illegalTransition: (from: TradingStateName, to: TradingStateName): RiskRejection => ({
    code: 'illegal-transition',
    from,
    to,
    message:
      from === 'HALTED'
        ? `trading is HALTED: only an operator resume leaves safe mode (asked for ${to})`
        : `trading cannot move from ${from} to ${to}`,
  }),
  missingAuditField: (field: 'commandId' | 'issuedBy' | 'reason'): RiskRejection => ({
    code: 'missing-audit-field',
    field,
    message: `an operator command needs a non-blank ${field}`,
  }),
  invalidRate: (ratePct: Decimal): RiskRejection => ({
    code: 'invalid-loss-limit-rate',
    ratePct,
    message: `a loss limit rate must be above 0% and at most 100% (got ${ratePct.toString()}%)`,
  }),
  invalidEquity: (equityKrw: Krw): RiskRejection => ({
    code: 'invalid-equity',
    equityKrw,
    message: `the equity to arm a loss limit on must be positive (got ${formatKrw(equityKrw, 'en', 'exact')})`,
  }),
  notArmed: (): RiskRejection => ({
    code: 'loss-limit-not-armed',
    message: 'no loss limit is configured, so none can be breached',
  }),
  notBreached: (evaluation: LossEvaluation): RiskRejection => ({
    code: 'loss-limit-not-breached',
    evaluation,
    message: `the loss of ${formatKrw(evaluation.lossKrw, 'en', 'exact')} has not reached the limit of ${formatKrw(evaluation.limitKrw, 'en', 'exact')}`,
  }),
};
