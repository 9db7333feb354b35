import type { Checkpoint } from '@hoga/event-store';
import type { PositionId } from '@hoga/model';

/** Whether a position still needs an actor. */
export type IndexedStatus = 'open' | 'closed';

/** What the projection learned about one position from a batch of its events. */
export interface PositionIndexRow {
  readonly positionId: PositionId;
  readonly partition: number;
  /** Known from `PositionOpened`; null: unchanged. */
  readonly market: string | null;
  /** null: unchanged. */
  readonly status: IndexedStatus | null;
  /** The stream version of the last event folded in. */
  readonly version: number;
}

/**
 * The `position_index` projection: one row per position (partition, market, open/closed,
 * version) and the checkpoint of the last event folded in, so a start loads only the open
 * positions of the partitions it owns.
 */
export interface PositionIndex {
  /** Creates the tables; resets the projection when the partition count changed. */
  migrate(partitionCount: number): Promise<void>;
  checkpoint(): Promise<Checkpoint>;
  /**
   * Applies rows (a row older than the stored version changes nothing) and moves the
   * checkpoint forward (never back), atomically. Safe to run from several instances.
   */
  record(rows: readonly PositionIndexRow[], checkpoint: Checkpoint): Promise<void>;
  /** The positions of these partitions with this status. */
  positions(partitions: readonly number[], status: IndexedStatus): Promise<PositionId[]>;
}
