import { eventStreams } from '@hoga/contracts';
import type { StreamScanFilter } from '@hoga/event-store';
import type { PositionId } from '@hoga/model';
import type { AuditScope } from '../core/audit-run.js';
import { AuditSourceError } from './audit-source.error.js';
import type { Db } from './audit-snapshot.js';

/** Every position stream id starts so. */
const POSITION_PREFIX = eventStreams.positionPrefix;
const POSITION_STREAMS = `${POSITION_PREFIX}%`;

/** The position streams in scope (stream ids), by the scope's rule. */
export async function streamsInScope(pool: Db, scope: AuditScope): Promise<string[]> {
  if (scope.kind === 'position') {
    const id = eventStreams.position(scope.positionId as PositionId);
    const { rows } = await pool.query(
      `select 1 from streams where stream_id = $1 union all
       select 1 from events where stream_id = $1 limit 1`,
      [id],
    );
    if (rows.length === 0)
      throw new AuditSourceError(
        'unknown-position',
        `no position ${scope.positionId} in this store (no stream ${id})`,
      );
    return [id];
  }
  if (scope.kind === 'window') {
    if (!(Date.parse(scope.from) < Date.parse(scope.to)))
      throw new AuditSourceError(
        'bad-scope',
        `the time window must start before it ends (from ${scope.from}, to ${scope.to})`,
      );
    const { rows } = await pool.query<{ stream_id: string }>(
      `select distinct e.stream_id from events e
        where e.stream_id like $1 and e.recorded_at >= $2 and e.recorded_at < $3
          and ($4::text is null or exists (select 1 from events o where o.stream_id = e.stream_id
                and o.type = 'PositionOpened' and o.data->>'market' = $4))
        order by e.stream_id`,
      [POSITION_STREAMS, scope.from, scope.to, scope.market],
    );
    return rows.map((r) => r.stream_id);
  }
  const { rows } = await pool.query<{ stream_id: string }>(
    `select stream_id from streams where stream_id like $1
     union select distinct stream_id from events where stream_id like $1 order by 1`,
    [POSITION_STREAMS],
  );
  return rows.map((r) => r.stream_id);
}

/** The events the streams hold by their heads: the total a progress bar counts towards. */
export async function eventsInScope(
  pool: Db,
  scope: AuditScope,
  ids: readonly string[],
): Promise<number> {
  const { rows } = await pool.query<{ total: string }>(
    scope.kind === 'all'
      ? `select coalesce(sum(version), 0)::text as total from streams where stream_id like $1`
      : `select coalesce(sum(version), 0)::text as total from streams where stream_id = any($1::text[])`,
    [scope.kind === 'all' ? POSITION_STREAMS : ids],
  );
  return Number(rows[0]?.total ?? 0);
}

/**
 * What the audit scans: a whole-store audit every position stream by prefix, a narrower one its
 * streams by id.
 */
export const scanFilter = (scope: AuditScope, streams: readonly string[]): StreamScanFilter =>
  scope.kind === 'all' ? { prefix: POSITION_PREFIX } : { streamIds: streams };
