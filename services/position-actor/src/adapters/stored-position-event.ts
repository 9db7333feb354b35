import { eventStreams, PositionEvent } from '@hoga/contracts';
import {
  decodeStoredEvent,
  newEventOf,
  type NewEvent,
  type RecordedEvent,
} from '@hoga/event-store';
import { decodeWith } from '@hoga/model';

/** The event-store stream of a position: `position-<id>` (the registry in contracts). */
export const streamIdOf = eventStreams.position;

/** A position event as the store keeps it: encoded `data`, the envelope fields as metadata. */
export const toNewEvent = (event: PositionEvent): NewEvent =>
  newEventOf(PositionEvent.encode, event);

/** The position event of a stored row; throws when it no longer decodes (a broken invariant). */
export const fromRecordedEvent = (row: RecordedEvent): PositionEvent =>
  decodeStoredEvent((u) => decodeWith(PositionEvent, u), row);
