import * as E from 'fp-ts/lib/Either.js';
import { PositionEvent } from '@hoga/contracts';
import type { NewEvent, RecordedEvent } from '@hoga/event-store';
import type { PositionId } from '@hoga/model';
import { decodeWith } from '@hoga/model';

/** The event-store stream of a position: `position-<id>`. */
export const streamIdOf = (positionId: PositionId): string => `position-${positionId}`;

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

/**
 * The position event of a stored row. A stored event that no longer decodes is a broken
 * invariant (the process crashes and the cause is fixed), so this throws.
 */
export function fromRecordedEvent(row: RecordedEvent): PositionEvent {
  const decoded = decodeWith(PositionEvent, {
    id: row.metadata.eventId,
    type: row.type,
    occurredAt: row.metadata.occurredAt,
    causationId: row.metadata.causationId,
    correlationId: row.metadata.correlationId,
    data: row.data,
  });
  if (E.isLeft(decoded))
    throw new Error(
      `stored event ${row.streamId}@${row.streamVersion} does not decode: ${decoded.left.message}`,
    );
  return decoded.right;
}
