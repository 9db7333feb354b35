import { compareCheckpoints, START, type Checkpoint } from '@hoga/event-store';
import type { PositionId } from '@hoga/model';
import type { IndexedStatus, PositionIndex, PositionIndexRow } from './position-index.port.js';

/** The position index in memory (in-memory event store, unit tests): rebuilt on every start. */
export class MemoryPositionIndex implements PositionIndex {
  readonly #rows = new Map<PositionId, PositionIndexRow>();
  #checkpoint: Checkpoint = START;

  migrate(): Promise<void> {
    return Promise.resolve();
  }
  checkpoint(): Promise<Checkpoint> {
    return Promise.resolve(this.#checkpoint);
  }
  record(rows: readonly PositionIndexRow[], checkpoint: Checkpoint): Promise<void> {
    for (const row of rows) {
      const before = this.#rows.get(row.positionId);
      if (before !== undefined && before.version >= row.version) continue;
      this.#rows.set(row.positionId, {
        ...row,
        market: row.market ?? before?.market ?? null,
        status: row.status ?? before?.status ?? 'open',
      });
    }
    if (compareCheckpoints(checkpoint, this.#checkpoint) > 0) this.#checkpoint = checkpoint;
    return Promise.resolve();
  }
  positions(partitions: readonly number[], status: IndexedStatus): Promise<PositionId[]> {
    const wanted = new Set(partitions);
    return Promise.resolve(
      [...this.#rows.values()]
        .filter((r) => wanted.has(r.partition) && r.status === status)
        .map((r) => r.positionId),
    );
  }
}
