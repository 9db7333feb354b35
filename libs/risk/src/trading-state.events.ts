import type { Decimal, Krw } from '@hoga/model';
import type { LossEvaluation } from './loss-limit.js';

/** The three trading states (ARCHITECTURE §9): REDUCING allows only exits; HALTED is safe mode. */
export type TradingStateName = 'ACTIVE' | 'REDUCING' | 'HALTED';

/** Who changed the trading state when no operator did: the loss limit. */
export const LOSS_LIMIT_ACTOR = 'loss-limit';

/** The trading state moved. `by` is the operator, or {@link LOSS_LIMIT_ACTOR} on a breach. */
export interface TradingStateChanged {
  readonly type: 'TradingStateChanged';
  readonly from: TradingStateName;
  readonly to: TradingStateName;
  readonly by: string;
  readonly reason: string;
  readonly at: string;
  /** The operator command that caused it; null for a breach. */
  readonly commandId: string | null;
}

/** A loss limit was armed (by an operator, or re-armed by the resume that left HALTED). */
export interface LossLimitArmed {
  readonly type: 'LossLimitArmed';
  readonly ratePct: Decimal;
  readonly equityAtArming: Krw;
  readonly unrealizedPnlAtArming: Krw;
  readonly armedAt: string;
  readonly by: string;
  readonly reason: string;
  readonly commandId: string;
}

/** The armed loss limit was reached; the figures are those that reached it. */
export interface LossLimitBreached {
  readonly type: 'LossLimitBreached';
  readonly ratePct: Decimal;
  readonly equityAtArming: Krw;
  readonly unrealizedPnlAtArming: Krw;
  readonly evaluation: LossEvaluation;
  readonly at: string;
}

/** An operator removed the loss limit. */
export interface LossLimitDisarmed {
  readonly type: 'LossLimitDisarmed';
  readonly by: string;
  readonly reason: string;
  readonly at: string;
  readonly commandId: string;
}

/** Every event of the `risk` stream. */
export type TradingStateEvent =
  TradingStateChanged | LossLimitArmed | LossLimitBreached | LossLimitDisarmed;
