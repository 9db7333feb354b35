import { Decimal, type Price } from '@hoga/model';
import type { ExitSpec } from '../strategy/index.js';

const ONE = new Decimal(1);
const HUNDRED = new Decimal(100);
/** Peak persistence step without a trailing stop (the peak is then only shown): 1 %. */
const DISPLAY_PEAK_STEP = new Decimal('0.01');
/** Peak persistence step as a share of the trailing distance: 10 %. */
export const TRAILING_PEAK_STEP_SHARE = new Decimal('0.1');

/**
 * The exit thresholds of an active position, as prices, computed once per activation so a tick
 * only compares. Percentages are of the average entry price (trailing: of the peak).
 */
export interface ExitLevels {
  readonly takeProfit: Decimal | null;
  readonly stopLoss: Decimal | null;
  /** Peak x this = trailing stop level; null without a trailing stop. */
  readonly trailFactor: Decimal | null;
  /** The peak that arms the trailing stop; null = armed from activation. */
  readonly trailArmAt: Decimal | null;
  /** Time exit, epoch milliseconds; null without `maxHoldMinutes`. */
  readonly deadlineMs: number | null;
  /** Share of the persisted peak it must rise by before `PeakPriceRaised` is due. */
  readonly peakStepShare: Decimal;
}

const pct = (p: Decimal): Decimal => p.div(HUNDRED);

/** The levels of a position that became active at `activatedAt` with `avgEntry`. */
export function exitLevels(exit: ExitSpec, avgEntry: Price, activatedAt: string): ExitLevels {
  const trail = exit.trailingStopPct;
  return {
    takeProfit:
      exit.takeProfitPct === undefined ? null : avgEntry.mul(ONE.plus(pct(exit.takeProfitPct))),
    stopLoss:
      exit.stopLossPct === undefined ? null : avgEntry.mul(ONE.minus(pct(exit.stopLossPct))),
    trailFactor: trail === undefined ? null : ONE.minus(pct(trail)),
    trailArmAt:
      trail === undefined || exit.trailingActivationPct === undefined
        ? null
        : avgEntry.mul(ONE.plus(pct(exit.trailingActivationPct))),
    deadlineMs:
      exit.maxHoldMinutes === undefined
        ? null
        : Date.parse(activatedAt) + exit.maxHoldMinutes * 60_000,
    peakStepShare:
      trail === undefined ? DISPLAY_PEAK_STEP : pct(trail).mul(TRAILING_PEAK_STEP_SHARE),
  };
}

/**
 * The trailing stop for `peak`: peak x (1 − trailing %) once the peak reached the arming level
 * (`trailingActivationPct`), null without a trailing stop or before it arms. The evaluator places
 * its stop with this; the published levels show it.
 */
export function trailingStopFor(levels: ExitLevels, peak: Decimal): Decimal | null {
  if (levels.trailFactor === null) return null;
  if (levels.trailArmAt !== null && peak.lt(levels.trailArmAt)) return null;
  return peak.mul(levels.trailFactor);
}
