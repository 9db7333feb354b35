import type { PositionEvent } from '@hoga/contracts';
import { transition } from 'xstate';
import { stepMachine } from './machine-table.js';
import { positionMachine } from './position.machine.js';
import { PositionEventRejected, type PositionSnapshot } from './position-snapshot.js';

/**
 * Folds one event into a position snapshot: the machine's transition for it (table-interpreted,
 * see `stepMachine`). Throws `PositionEventRejected` when the machine refuses the event.
 */
export const evolve = (state: PositionSnapshot, event: PositionEvent): PositionSnapshot =>
  stepMachine(state, event);

/**
 * The same step through xstate's pure `transition()` (no actions run): the reference `evolve`
 * is proven equal to. Slower (xstate builds an actor scope per call); used by audits and tests.
 */
export function evolveWithMachine(state: PositionSnapshot, event: PositionEvent): PositionSnapshot {
  const current = positionMachine.resolveState({ value: state.status, context: state.context });
  const [next] = transition(positionMachine, current, event);
  if (next === current) throw new PositionEventRejected(event.type, state.status, state.version);
  return { status: next.value, version: state.version + 1, context: next.context };
}
