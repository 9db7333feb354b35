import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { RecordedEvent } from '../event-store.port.js';
import type { EventStoreTables } from './tables.js';
import { eventPage, toRecordedEvents } from './event-row.js';

/** The committed events of one stream from `fromVersion` on, in version order. */
export async function readStreamEvents(
  db: Kysely<EventStoreTables>,
  streamId: string,
  fromVersion: number,
): Promise<RecordedEvent[]> {
  const { rows } = await eventPage(
    sql`select * from events where stream_id = ${streamId} and stream_version >= ${fromVersion}`,
    'version',
  ).execute(db);
  return toRecordedEvents(rows[0]?.page);
}

/** The stream's committed version, 0 when it does not exist. */
export async function readStreamVersion(
  db: Kysely<EventStoreTables>,
  streamId: string,
): Promise<number> {
  const row = await db
    .selectFrom('streams')
    .select('version')
    .where('stream_id', '=', streamId)
    .executeTakeFirst();
  return row?.version ?? 0;
}
