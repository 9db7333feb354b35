import { Decimal, krw, type Krw, type PositionId, type Volume } from '@hoga/model';

/** The armed loss limit the figures are measured against. */
export interface ArmedLossLimit {
  /** Maximum loss in percent of the equity at arming: `10` means 10%. */
  readonly ratePct: Decimal;
  /** Total equity (KRW + holdings at market) when the limit was armed. */
  readonly equityAtArming: Krw;
  /** Summed unrealized PnL of the holdings at arming: the baseline, so that a loss already
   * inside `equityAtArming` is not counted a second time. */
  readonly unrealizedPnlAtArming: Krw;
}

/** What the risk guard measures now. */
export interface LossFigures {
  /** Summed unrealized PnL (after fees) of every position holding coins. */
  readonly totalUnrealizedPnl: Krw;
  /** Realized PnL (after fees) settled after the limit was armed. */
  readonly realizedPnlSinceArming: Krw;
}

/** The loss limit, evaluated. */
export interface LossEvaluation extends LossFigures {
  /** realized since arming + unrealized now - unrealized at arming. */
  readonly pnlSinceArming: Krw;
  /** max(0, -pnlSinceArming). */
  readonly lossKrw: Krw;
  /** lossKrw / equityAtArming in percent, rounded down to 4 decimals (display only). */
  readonly lossRatePct: Decimal;
  /** equityAtArming x ratePct / 100. */
  readonly limitKrw: Krw;
  /** lossKrw >= limitKrw: reaching the limit is a breach. */
  readonly breached: boolean;
}

/** Decimals kept in {@link LossEvaluation.lossRatePct}. */
export const LOSS_RATE_DECIMALS = 4;

/**
 * Evaluates the loss limit. The loss counts realized *and* unrealized PnL since arming, so closing
 * a losing position does not reset the clock, measured from the holdings' unrealized PnL at
 * arming (see ADR). Breach when the loss reaches the limit (`>=`); decided on exact KRW amounts.
 */
export function evaluateLossLimit(limit: ArmedLossLimit, figures: LossFigures): LossEvaluation {
  const pnlSinceArming = krw(
    figures.realizedPnlSinceArming
      .plus(figures.totalUnrealizedPnl)
      .minus(limit.unrealizedPnlAtArming),
  );
  const lossKrw = krw(Decimal.max(0, pnlSinceArming.neg()));
  const limitKrw = krw(limit.equityAtArming.mul(limit.ratePct).div(100));
  const lossRatePct = lossKrw
    .mul(100)
    .div(limit.equityAtArming)
    .toDecimalPlaces(LOSS_RATE_DECIMALS, Decimal.ROUND_DOWN);
  return {
    ...figures,
    pnlSinceArming,
    lossKrw,
    lossRatePct,
    limitKrw,
    breached: lossKrw.gte(limitKrw),
  };
}

/** The PnL view of one position, as the risk guard sees its live snapshot. */
export interface PositionPnl {
  readonly positionId: PositionId;
  /** Coins held now (0 for pending or fully closed positions). */
  readonly volume: Volume;
  readonly unrealizedPnl: Krw;
}

/**
 * Sums the unrealized PnL of every position holding coins (volume > 0), whatever its status:
 * a position in `error` that still holds coins counts.
 */
export function holdingsUnrealizedPnl(positions: readonly PositionPnl[]): Krw {
  return positions
    .filter((p) => p.volume.gt(0))
    .reduce((sum, p) => krw(sum.plus(p.unrealizedPnl)), krw(0));
}

/** One realized PnL amount (a settled exit fill or close) and when it was settled (ISO-8601). */
export interface RealizedPnl {
  readonly realizedPnl: Krw;
  readonly at: string;
}

/**
 * Sums the realized PnL settled strictly after `armedAt` (at the arming instant itself it was
 * already in the measured equity). A record whose time cannot be read counts: a loss is never
 * dropped for a bad timestamp.
 */
export function realizedPnlSince(records: readonly RealizedPnl[], armedAt: string): Krw {
  const from = Date.parse(armedAt);
  return records
    .filter((r) => {
      const at = Date.parse(r.at);
      return Number.isNaN(at) || Number.isNaN(from) || at > from;
    })
    .reduce((sum, r) => krw(sum.plus(r.realizedPnl)), krw(0));
}
