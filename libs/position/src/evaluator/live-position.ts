import { INITIAL_SNAPSHOT, type PositionSnapshot } from '../machine/position-snapshot.js';
import type { Decision } from './decision.js';
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

/**
 * Takes a decision (once its events are stored): the live position at the decision's snapshot,
 * the watch synced to it. Folds nothing: the decider folded the events as it decided them.
 */
export function applyDecision(live: LivePosition, decision: Decision): LivePosition {
  if (decision.events.length === 0) return live;
  const { snapshot } = decision;
  syncWatch(live.watch, snapshot);
  return { snapshot, watch: live.watch };
}
