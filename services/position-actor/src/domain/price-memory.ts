import type { PositionEvent } from '@hoga/contracts';

/** Events that only remember a price (the peak the trailing stop follows). */
const PRICE_MEMORY = new Set<PositionEvent['type']>(['PeakPriceRaised']);

/**
 * True when a decision's events only remember a price: no order, no money, no change of status.
 * Their store gives way to stores that move a position, and their state is published like a
 * tick's (the marks already showed that peak).
 */
export const remembersPriceOnly = (events: readonly PositionEvent[]): boolean =>
  events.length > 0 && events.every((e) => PRICE_MEMORY.has(e.type));
