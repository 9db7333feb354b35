import type { PositionEvent } from '@hoga/contracts';
import type { PositionSnapshot } from '../machine/position-snapshot.js';
import type { LivePosition } from './live-position.js';

/**
 * What the decider returns: the events an input causes and the snapshot they lead to, folded
 * once while deciding (each step sees the state the earlier ones made). Store the events, then
 * take the snapshot with `applyDecision`: nothing folds them again.
 */
export interface Decision {
  readonly events: readonly PositionEvent[];
  /** The position's snapshot once `events` are applied (the one it had when there are none). */
  readonly snapshot: PositionSnapshot;
}

/** No events (shared: a quiet tick allocates no array). */
const NOTHING: readonly PositionEvent[] = Object.freeze([]);

/** The decision of an input that changes nothing: no events, the snapshot as it was. */
export const unchanged = (live: LivePosition): Decision => ({
  events: NOTHING,
  snapshot: live.snapshot,
});
