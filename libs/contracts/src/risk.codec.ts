import * as t from 'io-ts';
import { KrwC, NonNegativeKrwC, PositionId } from '@hoga/model';
import { envelope, IsoDateTime, MessageIdC } from './envelope.js';
import {
  messageUnion,
  NonNegativeDecimalC,
  NonNegativeIntC,
  nullable,
  PercentC,
  refine,
  text,
} from './codec-helpers.js';
import { withConditions } from './risk-condition.codec.js';

/** ACTIVE trades; REDUCING allows exits only; HALTED is safe mode (every holding exits). */
export const TradingState = t.keyof({ ACTIVE: null, REDUCING: null, HALTED: null }, 'TradingState');
export type TradingState = t.TypeOf<typeof TradingState>;

/** The armed loss limit (field names as in libs/risk `ArmedLossLimit`). */
const armedLimit = {
  /** Maximum loss in percent of the equity at arming: `10` is 10%. */
  ratePct: PercentC,
  /** Total equity (KRW + holdings at market) when armed. */
  equityAtArming: refine(NonNegativeKrwC, (d) => d.gt(0), 'PositiveKrw'),
  /** Summed unrealized PnL of the holdings when armed: the baseline of the loss. */
  unrealizedPnlAtArming: KrwC,
};

/** The loss limit as configured; `armed` false once it has fired, until re-armed. */
export const LossLimit = t.strict(
  { armed: t.boolean, ...armedLimit, armedAt: IsoDateTime },
  'LossLimit',
);
export type LossLimit = t.TypeOf<typeof LossLimit>;

/** The loss limit evaluated now (libs/risk `evaluateLossLimit`). */
export const LossEvaluation = t.strict(
  {
    totalUnrealizedPnl: KrwC,
    realizedPnlSinceArming: KrwC,
    /** realized since arming + unrealized now - unrealized at arming. */
    pnlSinceArming: KrwC,
    lossKrw: NonNegativeKrwC,
    /** lossKrw / equityAtArming in percent (display). */
    lossRatePct: NonNegativeDecimalC,
    limitKrw: NonNegativeKrwC,
    breached: t.boolean,
  },
  'LossEvaluation',
);
export type LossEvaluation = t.TypeOf<typeof LossEvaluation>;

/**
 * The risk guard's view, in KV `hoga-risk` (key `trading`) and on `hoga.risk.state`.
 * Readers act on `state`; the figures explain it. `conditions` (optional) name what keeps
 * trading from working as `state` says without changing it: lost exchange access, quiet markets.
 */
export const RiskState = envelope(
  'RiskState',
  withConditions(
    t.strict({
      state: TradingState,
      /** Why the current state was entered. */
      reason: text(500),
      /** When the current state was entered; null before the first transition. */
      since: nullable(IsoDateTime),
      lossLimit: nullable(LossLimit),
      /** Null while no limit is armed. */
      evaluation: nullable(LossEvaluation),
      /** Summed unrealized PnL (after exit fees) of every position holding coins. */
      unrealizedPnlKrw: KrwC,
      /** Market value of the coins held by positions. */
      exposureKrw: NonNegativeKrwC,
      /** Positions holding coins (active, closing, or in error with coins). */
      holdingPositions: NonNegativeIntC,
    }),
  ),
);
export type RiskState = t.TypeOf<typeof RiskState>;

/** Who did it (an operator, or `loss-limit`), why, and the operator command id if any. */
const actor = { by: text(128, 1), reason: text(500) };

/** The trading state moved; `commandId` is null when the loss limit moved it. */
export const TradingStateChanged = envelope(
  'TradingStateChanged',
  t.strict({
    from: TradingState,
    to: TradingState,
    ...actor,
    at: IsoDateTime,
    commandId: nullable(MessageIdC),
  }),
);

/** One recorded move of the trading state, as `hoga risk status` shows it (oldest first). */
export const RiskTransition = t.strict(
  { from: TradingState, to: TradingState, ...actor, at: IsoDateTime },
  'RiskTransition',
);
export type RiskTransition = t.TypeOf<typeof RiskTransition>;

/** A loss limit was armed (by an operator, or re-armed by the resume that left HALTED). */
export const LossLimitArmed = envelope(
  'LossLimitArmed',
  t.strict({ ...armedLimit, armedAt: IsoDateTime, ...actor, commandId: MessageIdC }),
);

/** The armed loss limit was reached, with the figures that reached it. */
export const LossLimitBreached = envelope(
  'LossLimitBreached',
  t.strict({ ...armedLimit, evaluation: LossEvaluation, at: IsoDateTime }),
);

/** An operator removed the loss limit. */
export const LossLimitDisarmed = envelope(
  'LossLimitDisarmed',
  t.strict({ ...actor, at: IsoDateTime, commandId: MessageIdC }),
);

/** Every event of the `risk` stream (event store), relayed on `hoga.risk.evt`. */
export const RiskEvent = messageUnion('RiskEvent', [
  TradingStateChanged,
  LossLimitArmed,
  LossLimitBreached,
  LossLimitDisarmed,
]);
export type RiskEvent = t.TypeOf<typeof RiskEvent>;
export type RiskEventType = RiskEvent['type'];

/**
 * One sell of the liquidation plan (libs/risk `planLiquidation`): the position's risk halt is
 * not to be fed before `notBeforeMs` after the halt is received.
 */
export const LiquidationStep = t.strict(
  { positionId: PositionId, notBeforeMs: NonNegativeIntC },
  'LiquidationStep',
);
export type LiquidationStep = t.TypeOf<typeof LiquidationStep>;

/**
 * Safe mode now, on `hoga.risk.halt`: every actor exits its holding positions at market and
 * cancels its pending ones; the executor denies entries. Leaving it takes an operator resume.
 * `liquidation` is the order of the exits (largest exposure first, paced at the order rate);
 * positions not in it (pending ones, dust) are halted at once. It may be empty.
 */
export const RiskHalt = envelope(
  'RiskHalt',
  t.strict({
    cause: t.keyof({ 'loss-limit-breached': null, operator: null }),
    ...actor,
    commandId: nullable(MessageIdC),
    liquidation: t.array(LiquidationStep),
  }),
);
export type RiskHalt = t.TypeOf<typeof RiskHalt>;
