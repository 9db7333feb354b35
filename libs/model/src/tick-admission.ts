import type { Decimal } from './decimal.js';
import { isOnTickGrid } from './tick-grid.js';

/**
 * Why a tick is refused before anything reads its price:
 * - `market-mismatch`: the body names another market than the subject it came on;
 * - `off-tick-grid`: the price is not a positive multiple of its band's tick (no Upbit trade is).
 */
export type TickRejectionReason = 'market-mismatch' | 'off-tick-grid';

/** Every {@link TickRejectionReason}, for counters that start at zero. */
export const TICK_REJECTION_REASONS: readonly TickRejectionReason[] = [
  'market-mismatch',
  'off-tick-grid',
];

/**
 * The structural check of one tick (pure): its market must be the one of the subject it was
 * published on (`hoga.md.tick.<market>`), and its price on Upbit's KRW tick grid for its band.
 * Null when the tick may be read; a bad price is refused here whatever its size.
 */
export function tickRejection(
  subjectMarket: string,
  tick: { readonly market: string; readonly price: Decimal },
): TickRejectionReason | null {
  if (tick.market !== subjectMarket) return 'market-mismatch';
  if (!isOnTickGrid(tick.price)) return 'off-tick-grid';
  return null;
}
