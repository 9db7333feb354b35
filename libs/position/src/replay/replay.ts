import type { PositionEvent } from '@hoga/contracts';
import { initialTransition, transition } from 'xstate';
import { positionMachine } from '../machine/position.machine.js';
import {
  INITIAL_SNAPSHOT,
  PositionEventRejected,
  type PositionSnapshot,
} from '../machine/position-snapshot.js';
import { evolve } from '../machine/evolve.js';

/**
 * A position's state from its stored events, oldest first: the fold of `evolve` from the initial
 * snapshot. Pure, no side effects; throws `PositionEventRejected` on an event the machine refuses.
 */
export const replay = (
  events: Iterable<PositionEvent>,
  from: PositionSnapshot = INITIAL_SNAPSHOT,
): PositionSnapshot => {
  let state = from;
  for (const event of events) state = evolve(state, event);
  return state;
};

/**
 * The same fold through xstate: `initialTransition()` then `transition()` per event, actions
 * returned and never run. The reference for `replay` (and what `hoga audit` may run).
 */
export function replayWithMachine(events: Iterable<PositionEvent>): PositionSnapshot {
  let [snapshot] = initialTransition(positionMachine);
  let version = 0;
  for (const event of events) {
    const [next] = transition(positionMachine, snapshot, event);
    if (next === snapshot) throw new PositionEventRejected(event.type, snapshot.value, version);
    snapshot = next;
    version += 1;
  }
  return { status: snapshot.value, version, context: snapshot.context };
}
