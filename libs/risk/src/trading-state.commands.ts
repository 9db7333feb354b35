import type { Decimal, Krw } from '@hoga/model';
import type { LossFigures } from './loss-limit.js';

/** Who issued an operator command, why and when; a repeated `commandId` is a no-op. */
export interface OperatorStamp {
  readonly commandId: string;
  readonly issuedBy: string;
  readonly reason: string;
  /** ISO-8601 instant the command was issued. */
  readonly at: string;
}

/** The account measured when a loss limit is (re)armed. */
export interface EquitySnapshot {
  /** Total equity: KRW + holdings at market. */
  readonly equityKrw: Krw;
  /** Summed unrealized PnL of the positions holding coins at that moment. */
  readonly unrealizedPnlKrw: Krw;
}

/** Arms (or re-arms, replacing) the loss limit: `ratePct` 10 = 10% of `equityKrw`. */
export interface ArmLossLimit extends OperatorStamp, EquitySnapshot {
  readonly type: 'ArmLossLimit';
  readonly ratePct: Decimal;
}

/** Removes the loss limit. */
export interface DisarmLossLimit extends OperatorStamp {
  readonly type: 'DisarmLossLimit';
}

/** The risk guard saw the loss reach the limit; the decider re-checks the figures. */
export interface RecordLossLimitBreach {
  readonly type: 'RecordLossLimitBreach';
  readonly figures: LossFigures;
  readonly at: string;
}

/** Safe mode: every holding position exits, entries are denied. */
export interface HaltTrading extends OperatorStamp {
  readonly type: 'HaltTrading';
}

/** Only exits are allowed. */
export interface ReduceTrading extends OperatorStamp {
  readonly type: 'ReduceTrading';
}

/** Back to ACTIVE; leaving HALTED re-arms the loss limit on this equity snapshot. */
export interface ResumeTrading extends OperatorStamp, EquitySnapshot {
  readonly type: 'ResumeTrading';
}

/** Every command the trading-state decider takes. */
export type TradingStateCommand =
  | ArmLossLimit
  | DisarmLossLimit
  | RecordLossLimitBreach
  | HaltTrading
  | ReduceTrading
  | ResumeTrading;
