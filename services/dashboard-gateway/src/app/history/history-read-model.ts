import type pg from 'pg';
import { inTransaction, type Checkpoint } from '@hoga/event-store';
import {
  DEFAULT_PAGE,
  PositionCursor,
  TimelineCursor,
  type PositionsQuery,
  type TimelineQuery,
} from './history-requests.codec.js';
import {
  CREATE_TABLES,
  HISTORY_SCHEMA_VERSION,
  INSERT_TIMELINE,
  RECORD_CHECKPOINT,
  RESET,
  timeKey,
  UPSERT_POSITIONS,
} from './history.sql.js';
import type { PositionSummary } from './position-fold.js';
import type { TimelineEntry } from './timeline-entry.js';

/** What one batch of stored events changed in the read model. */
export interface HistoryBatch {
  /** The latest summary of each position the batch touched. */
  readonly positions: readonly PositionSummary[];
  /** Timeline items, in store order. */
  readonly timeline: readonly TimelineEntry[];
  /** The checkpoint after the batch's last event. */
  readonly checkpoint: Checkpoint;
}

/** A page of a keyset-paged list. */
export interface Page<T> {
  readonly items: readonly T[];
  /** Pass as `cursor` for the next page; null: this was the last. */
  readonly nextCursor: string | null;
}

/** The gateway's history read model in PostgreSQL: write side (the projection) and queries. */
export class HistoryReadModel {
  constructor(private readonly pool: pg.Pool) {}

  /** Creates the tables; rebuilds the projection when its stored shape is another one. */
  async migrate(): Promise<void> {
    await this.pool.query(CREATE_TABLES);
    const r = await this.pool.query<{ schema_version: number }>(
      'select schema_version from gateway_history_checkpoint where id = 1',
    );
    if (r.rows[0]?.schema_version === HISTORY_SCHEMA_VERSION) return;
    await this.pool.query(RESET(HISTORY_SCHEMA_VERSION));
  }

  /**
   * Refreshes the planner's statistics of the tables: after a large catch-up they describe
   * nearly empty tables, and the planner sorts whole filtered sets instead of walking the
   * (status|market|kind, time) indexes (ADR 0040). Later growth is autovacuum's.
   */
  async analyze(): Promise<void> {
    await this.pool.query('analyze gateway_history_positions, gateway_history_timeline');
  }

  async checkpoint(): Promise<Checkpoint> {
    const r = await this.pool.query<{ transaction_id: string; global_position: string }>(
      'select transaction_id, global_position from gateway_history_checkpoint where id = 1',
    );
    const row = r.rows[0];
    return {
      transactionId: BigInt(row?.transaction_id ?? 0),
      globalPosition: BigInt(row?.global_position ?? 0),
    };
  }

  /** Applies a batch and moves the checkpoint, atomically. */
  record(batch: HistoryBatch): Promise<void> {
    return inTransaction(this.pool, async (client) => {
      const { positions: ps, timeline: tl } = batch;
      if (ps.length > 0)
        await client.query(UPSERT_POSITIONS, [
          JSON.stringify(
            ps.map((p) => ({
              id: p.positionId,
              market: p.market,
              status: p.status,
              openedAt: p.openedAt,
              closedAt: p.closedAt,
              version: p.version,
              summary: p,
            })),
          ),
        ]);
      if (tl.length > 0)
        await client.query(INSERT_TIMELINE, [
          JSON.stringify(
            tl.map((e) => ({
              at: e.at,
              kind: e.kind,
              positionId: e.positionId,
              streamId: e.streamId,
              version: e.version,
              entry: e,
            })),
          ),
        ]);
      await client.query(RECORD_CHECKPOINT, [
        batch.checkpoint.transactionId.toString(),
        batch.checkpoint.globalPosition.toString(),
      ]);
    });
  }

  /** One position's summary, if projected. */
  async position(positionId: string): Promise<PositionSummary | undefined> {
    const r = await this.pool.query<{ summary: PositionSummary }>(
      'select summary from gateway_history_positions where position_id = $1',
      [positionId],
    );
    return r.rows[0]?.summary;
  }

  /** Positions newest opened first (ties by id), filtered, keyset-paged. */
  async positions(query: PositionsQuery): Promise<Page<PositionSummary>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${String(params.length)}`;
    };
    if (query.status === 'open') where.push(`status <> 'closed'`);
    else if (query.status !== undefined) where.push(`status = ${param(query.status)}`);
    if (query.market !== undefined) where.push(`market = ${param(query.market)}`);
    if (query.from !== undefined) where.push(`opened_at >= ${param(query.from.toISOString())}`);
    if (query.to !== undefined) where.push(`opened_at < ${param(query.to.toISOString())}`);
    if (query.cursor !== undefined) {
      const [at, id] = query.cursor;
      where.push(`(opened_at, position_id) < (${param(at)}::timestamptz, ${param(id)})`);
    }
    const limit = query.limit ?? DEFAULT_PAGE;
    const r = await this.pool.query<{ summary: PositionSummary; k: string; id: string }>(
      `select summary, ${timeKey('opened_at')} as k, position_id as id
         from gateway_history_positions
        ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
        order by opened_at desc, position_id desc
        limit ${param(limit + 1)}`,
      params,
    );
    const rows = r.rows.slice(0, limit);
    const last = rows.at(-1);
    return {
      items: rows.map((row) => row.summary),
      nextCursor:
        r.rows.length > limit && last !== undefined
          ? PositionCursor.encode([last.k, last.id as PositionCursor[1]])
          : null,
    };
  }

  /** Timeline items oldest first (ties in store order), in `[from, to)`, keyset-paged. */
  async timeline(query: TimelineQuery): Promise<Page<TimelineEntry>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${String(params.length)}`;
    };
    if (query.kind !== undefined) where.push(`kind = ${param(query.kind)}`);
    if (query.from !== undefined) where.push(`at >= ${param(query.from.toISOString())}`);
    if (query.to !== undefined) where.push(`at < ${param(query.to.toISOString())}`);
    if (query.cursor !== undefined) {
      const [at, seq] = query.cursor;
      where.push(`(at, seq) > (${param(at)}::timestamptz, ${param(seq)}::bigint)`);
    }
    const limit = query.limit ?? DEFAULT_PAGE;
    const r = await this.pool.query<{ entry: TimelineEntry; k: string; seq: string }>(
      `select entry, ${timeKey('at')} as k, seq
         from gateway_history_timeline
        ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
        order by at, seq
        limit ${param(limit + 1)}`,
      params,
    );
    const rows = r.rows.slice(0, limit);
    const last = rows.at(-1);
    return {
      items: rows.map((row) => row.entry),
      nextCursor:
        r.rows.length > limit && last !== undefined
          ? TimelineCursor.encode([last.k, Number(last.seq)])
          : null,
    };
  }
}
