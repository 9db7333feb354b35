import { eventStreams, PositionEvent, RiskEvent } from '@hoga/contracts';
import { decodeStoredEvent, type EventStore, type RecordedEvent } from '@hoga/event-store';
import { decodeWith, type PositionId } from '@hoga/model';

/** The position event of a stored row; throws when it no longer decodes (a broken invariant). */
export const positionEventOf = (row: RecordedEvent): PositionEvent =>
  decodeStoredEvent((u) => decodeWith(PositionEvent, u), row);

/** The risk event of a stored row of the `risk` stream; throws as {@link positionEventOf}. */
export const riskEventOf = (row: RecordedEvent): RiskEvent =>
  decodeStoredEvent((u) => decodeWith(RiskEvent, u), row);

/** A position's stored events, oldest first, decoded (none: no such position). */
export async function readPositionEvents(
  store: EventStore,
  positionId: PositionId,
): Promise<{ readonly row: RecordedEvent; readonly event: PositionEvent }[]> {
  const rows = await store.readStream(eventStreams.position(positionId));
  return rows.map((row) => ({ row, event: positionEventOf(row) }));
}
