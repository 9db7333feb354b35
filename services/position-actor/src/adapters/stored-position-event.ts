import { eventStreams, PositionEvent } from '@hoga/contracts';
import { decodeStoredEvent, type NewEvent, type RecordedEvent } from '@hoga/event-store';
import { decodeWith } from '@hoga/model';

/** The event-store stream of a position: `position-<id>` (the registry in contracts). */
export const streamIdOf = eventStreams.position;

/** A position event as the store keeps it: encoded `data`, the envelope fields as metadata. */
export function toNewEvent(event: PositionEvent): NewEvent {
  const encoded = PositionEvent.encode(event) as { data: unknown };
  return {
    type: event.type,
    data: encoded.data,
    metadata: {
      eventId: event.id,
      occurredAt: event.occurredAt,
      causationId: event.causationId,
      correlationId: event.correlationId,
    },
  };
}

/** The position event of a stored row; throws when it no longer decodes (a broken invariant). */
export const fromRecordedEvent = (row: RecordedEvent): PositionEvent =>
  decodeStoredEvent((u) => decodeWith(PositionEvent, u), row);
