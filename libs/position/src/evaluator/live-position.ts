import type { PositionEvent } from '@hoga/contracts';
import { INITIAL_SNAPSHOT, type PositionSnapshot } from '../machine/position-snapshot.js';
import { evolve } from '../replay/evolve.js';
import { newWatch, syncWatch, type PriceWatch } from './price-watch.js';

/**
 * What a position actor holds: the durable snapshot (the fold of the stored events) and the
 * tick memory beside it. `decide` reads both and may update the memory; only events change
 * the snapshot.
 */
export interface LivePosition {
  readonly snapshot: PositionSnapshot;
  readonly watch: PriceWatch;
}

/** A live position from a snapshot (a fresh start, or `replay` after a restart). */
export function restore(snapshot: PositionSnapshot = INITIAL_SNAPSHOT): LivePosition {
  const watch = newWatch();
  syncWatch(watch, snapshot);
  return { snapshot, watch };
}

/** Applies events (as decided, once stored) to a live position: `evolve` each, then sync the watch. */
export function applyEvents(live: LivePosition, events: readonly PositionEvent[]): LivePosition {
  if (events.length === 0) return live;
  let snapshot = live.snapshot;
  for (const event of events) snapshot = evolve(snapshot, event);
  syncWatch(live.watch, snapshot);
  return { snapshot, watch: live.watch };
}
