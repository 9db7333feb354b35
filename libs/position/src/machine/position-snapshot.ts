import type {
  PositionEvent,
  PositionEventOf,
  PositionEventType,
  PositionStatus,
} from '@hoga/contracts';
import { EMPTY_CONTEXT, type PositionContext } from '../live-state/position-context.js';

/** Where a position is in its life: `unopened` until `PositionOpened`, then a `PositionStatus`. */
export type PositionPhase = 'unopened' | PositionStatus;

/** The fold of a position's events: its machine state, stream version and context. */
export interface PositionSnapshot {
  readonly status: PositionPhase;
  /** Number of events folded = stream version of the last one (0 before any). */
  readonly version: number;
  readonly context: PositionContext;
}

/** The snapshot before the first event. */
export const INITIAL_SNAPSHOT: PositionSnapshot = {
  status: 'unopened',
  version: 0,
  context: EMPTY_CONTEXT,
};

/**
 * A broken invariant: the machine has no transition for this event in this state (or a guard
 * refused it). Stored events never do this unless a bug let a bad event in; the process should
 * crash and the cause be fixed, never skip the event.
 */
export class PositionEventRejected extends Error {
  override readonly name = 'PositionEventRejected';
  constructor(
    readonly eventType: string,
    readonly status: PositionPhase,
    readonly version: number,
  ) {
    super(`position machine refused ${eventType} in state ${status} at version ${version}`);
  }
}

/** Type guard of `PositionEventRejected`. */
export const isPositionEventRejected = (e: unknown): e is PositionEventRejected =>
  e instanceof PositionEventRejected;

/** Narrows an event to one of `types`, or throws (a machine wiring mistake). */
export function eventOf<T extends PositionEventType>(
  e: PositionEvent,
  ...types: T[]
): PositionEventOf<T> {
  if (!(types as string[]).includes(e.type))
    throw new TypeError(`expected ${types.join(' | ')}, got ${e.type}`);
  return e as PositionEventOf<T>;
}
