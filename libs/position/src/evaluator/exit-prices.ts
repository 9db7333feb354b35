import type { ExitLevelPrices } from '@hoga/contracts';
import { roundToTick, type Decimal, type Price } from '@hoga/model';
import { trailingStopFor, type ExitLevels } from './exit-levels.js';

/** On the tick grid, down (a stop fires at or below it); the level itself if that leaves 0. */
const down = (level: Decimal): Price => {
  const rounded = roundToTick(level, 'down');
  return rounded.gt(0) ? rounded : (level as Price);
};
const up = (level: Decimal): Price => roundToTick(level, 'up');

/**
 * The exit levels as an operator reads them: the prices on Upbit's tick grid at which the
 * evaluator's own comparisons (`firstExitTrigger`) first fire, with the trailing stop placed for
 * `peak` by `trailingStopFor`. Stops (`price ≤ level`) round down, so a tick at the shown
 * stop-loss or trailing stop fires and one tick above does not; take-profit (`price ≥ level`)
 * and the trailing arming level (`peak ≥ level`) round up. `timeLimitAt` is the moment the time
 * exit fires (an input at or after it).
 */
export function exitPrices(levels: ExitLevels, peak: Decimal | null): ExitLevelPrices {
  const trailing = peak === null ? null : trailingStopFor(levels, peak);
  return {
    takeProfit: levels.takeProfit === null ? null : up(levels.takeProfit),
    stopLoss: levels.stopLoss === null ? null : down(levels.stopLoss),
    trailingStop: trailing === null ? null : down(trailing),
    trailingArmsAt: levels.trailArmAt === null ? null : up(levels.trailArmAt),
    timeLimitAt: levels.deadlineMs === null ? null : new Date(levels.deadlineMs).toISOString(),
  };
}
