import { START, type EventStore } from '@hoga/event-store';
import type { PositionId } from '@hoga/model';

const STREAM_PREFIX = 'position-';
const PAGE = 5000;

/** The positions in the store: the ones not closed (to rehydrate) and the closed ones. */
export interface StoredPositions {
  readonly live: readonly PositionId[];
  readonly closed: ReadonlySet<PositionId>;
}

/**
 * Finds the stored positions by reading every event once in commit order and folding only
 * `PositionOpened` / `PositionClosed`. Linear in the number of stored events (a projection
 * table with a checkpoint would make this constant; not done yet).
 */
export async function findStoredPositions(store: EventStore): Promise<StoredPositions> {
  const live = new Set<PositionId>();
  const closed = new Set<PositionId>();
  let after = START;
  for (;;) {
    const page = await store.readAll({ after, limit: PAGE });
    for (const event of page.events) {
      if (!event.streamId.startsWith(STREAM_PREFIX)) continue;
      const id = event.streamId.slice(STREAM_PREFIX.length) as PositionId;
      if (event.type === 'PositionOpened') live.add(id);
      else if (event.type === 'PositionClosed') {
        live.delete(id);
        closed.add(id);
      }
    }
    if (page.events.length < PAGE) break;
    after = page.checkpoint;
  }
  return { live: [...live], closed };
}
