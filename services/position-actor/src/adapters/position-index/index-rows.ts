import { partitionOf, positionIdOfStream } from '@hoga/contracts';
import type { RecordedEvent } from '@hoga/event-store';
import type { IndexedStatus, PositionIndexRow } from './position-index.port.js';

const statusAfter = (type: string): IndexedStatus | null =>
  type === 'PositionOpened' ? 'open' : type === 'PositionClosed' ? 'closed' : null;

const marketOf = (event: RecordedEvent): string | null => {
  if (event.type !== 'PositionOpened') return null;
  const market = (event.data as { market?: unknown } | null)?.market;
  return typeof market === 'string' ? market : null;
};

/**
 * Folds a batch of events (commit order) into one index row per position; events of other
 * streams are skipped. Only `PositionOpened` (market, open) and `PositionClosed` change more
 * than the version.
 */
export function indexRowsOf(
  events: readonly RecordedEvent[],
  partitionCount: number,
): PositionIndexRow[] {
  const rows = new Map<string, PositionIndexRow>();
  for (const event of events) {
    const positionId = positionIdOfStream(event.streamId);
    if (positionId === null) continue;
    const before = rows.get(positionId);
    rows.set(positionId, {
      positionId,
      partition: partitionOf(positionId, partitionCount),
      market: marketOf(event) ?? before?.market ?? null,
      status: statusAfter(event.type) ?? before?.status ?? null,
      version: event.streamVersion,
    });
  }
  return [...rows.values()].sort((a, b) => a.positionId.localeCompare(b.positionId));
}
