import type pg from 'pg';
import { inTransaction, type Checkpoint } from '@hoga/event-store';
import type { PositionId } from '@hoga/model';
import type { IndexedStatus, PositionIndex, PositionIndexRow } from './position-index.port.js';
import { CREATE_TABLES, RECORD_CHECKPOINT, UPSERT_ROWS } from './position-index.sql.js';

/** The position index in PostgreSQL (tables in the pool's `search_path` schema). */
export class PostgresPositionIndex implements PositionIndex {
  constructor(private readonly pool: pg.Pool) {}

  async migrate(partitionCount: number): Promise<void> {
    await this.pool.query(CREATE_TABLES);
    const r = await this.pool.query<{ partition_count: number }>(
      'select partition_count from position_index_checkpoint where id = 1',
    );
    if (r.rows[0]?.partition_count === partitionCount) return;
    // First start, or another partition count: rebuild the projection from the start.
    await this.pool.query(`begin;
      delete from position_index;
      delete from position_index_checkpoint;
      insert into position_index_checkpoint values (1, ${String(partitionCount)}, 0, 0);
      commit`);
  }

  async checkpoint(): Promise<Checkpoint> {
    const r = await this.pool.query<{ transaction_id: string; global_position: string }>(
      'select transaction_id, global_position from position_index_checkpoint where id = 1',
    );
    const row = r.rows[0];
    return {
      transactionId: BigInt(row?.transaction_id ?? 0),
      globalPosition: BigInt(row?.global_position ?? 0),
    };
  }

  record(rows: readonly PositionIndexRow[], checkpoint: Checkpoint): Promise<void> {
    return inTransaction(this.pool, async (client) => {
      if (rows.length > 0)
        await client.query(UPSERT_ROWS, [
          rows.map((r) => r.positionId),
          rows.map((r) => r.partition),
          rows.map((r) => r.market),
          rows.map((r) => r.status),
          rows.map((r) => r.version),
        ]);
      await client.query(RECORD_CHECKPOINT, [
        checkpoint.transactionId.toString(),
        checkpoint.globalPosition.toString(),
      ]);
    });
  }

  async positions(partitions: readonly number[], status: IndexedStatus): Promise<PositionId[]> {
    const r = await this.pool.query<{ position_id: PositionId }>(
      `select position_id from position_index
        where partition = any($1::int[]) and (status = 'closed') = $2 order by position_id`,
      [partitions, status === 'closed'],
    );
    return r.rows.map((row) => row.position_id);
  }
}
