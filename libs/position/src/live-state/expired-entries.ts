import type { OrderTrack } from './position-context.js';

/**
 * Entries refused in a row as too old to send (ADR 0030) after which the position stops trying
 * and fails visibly: one expiry is an outage the position recovers from by deciding again; this
 * many in a row means every fresh decision also arrives too late (a clock skew between hosts, a
 * queue that never drains) and an operator must look.
 */
export const MAX_EXPIRED_ENTRIES = 3;

/** How many of the last orders, newest first, are entries refused for their age. */
export function expiredEntriesInARow(orders: readonly OrderTrack[]): number {
  let run = 0;
  for (let i = orders.length - 1; i >= 0; i--) {
    const o = orders[i]!;
    if (o.request.leg !== 'entry' || o.failure !== 'expired') break;
    run++;
  }
  return run;
}
