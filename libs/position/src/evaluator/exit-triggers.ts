import type { ExitReason } from '@hoga/contracts';
import { compareDecimals, type Decimal } from '@hoga/model';
import type { ExitLevels } from './exit-levels.js';

/**
 * Which exit fires for a price observation, if any. When several fire at once (a gap through
 * both stop-loss and take-profit) the protective ones win, in this order:
 *
 * 1. `stop-loss`     price ≤ entry x (1 − stopLossPct)
 * 2. `trailing-stop` price ≤ peak x (1 − trailingStopPct), once armed
 * 3. `time-limit`    input time ≥ activation + maxHoldMinutes
 * 4. `take-profit`   price ≥ entry x (1 + takeProfitPct)       (suspended while paused)
 * 5. `strategy-exit` the spec's `when` condition holds          (suspended while paused)
 *
 * Operator close and risk halt are inputs of their own and win when they arrive first. A `null`
 * price checks only the time and the condition (closed candles leave price levels to ticks).
 */
export function firstExitTrigger(
  levels: ExitLevels,
  trailStop: Decimal | null,
  paused: boolean,
  price: Decimal | null,
  atMs: number,
  exitConditionMet: boolean,
): ExitReason | null {
  if (price !== null) {
    // compareDecimals: the tick path's comparisons allocate nothing (decimal.js's lte would).
    if (levels.stopLoss !== null && compareDecimals(price, levels.stopLoss) <= 0)
      return 'stop-loss';
    if (trailStop !== null && compareDecimals(price, trailStop) <= 0) return 'trailing-stop';
  }
  if (levels.deadlineMs !== null && atMs >= levels.deadlineMs) return 'time-limit';
  if (paused) return null;
  if (
    price !== null &&
    levels.takeProfit !== null &&
    compareDecimals(price, levels.takeProfit) >= 0
  )
    return 'take-profit';
  return exitConditionMet ? 'strategy-exit' : null;
}
