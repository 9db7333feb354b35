import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Snapshot } from '../event-store.port.js';
import type { EventStoreTables } from './tables.js';

/** Upserts a snapshot unless a newer one of the same schema version is stored. */
export async function upsertSnapshot(
  db: Kysely<EventStoreTables>,
  snapshot: Snapshot,
): Promise<void> {
  await db
    .insertInto('snapshots')
    .values({
      stream_id: snapshot.streamId,
      stream_version: snapshot.streamVersion,
      schema_version: snapshot.schemaVersion,
      state: JSON.stringify(snapshot.state),
    })
    .onConflict((oc) =>
      oc
        .column('stream_id')
        .doUpdateSet((eb) => ({
          stream_version: eb.ref('excluded.stream_version'),
          schema_version: eb.ref('excluded.schema_version'),
          state: eb.ref('excluded.state'),
          saved_at: sql<Date>`now()`,
        }))
        .where((eb) =>
          eb.or([
            eb('snapshots.schema_version', '<>', eb.ref('excluded.schema_version')),
            eb('snapshots.stream_version', '<=', eb.ref('excluded.stream_version')),
          ]),
        ),
    )
    .execute();
}

/** The stored snapshot of a stream, if any. */
export async function selectSnapshot(
  db: Kysely<EventStoreTables>,
  streamId: string,
): Promise<Snapshot | undefined> {
  const row = await db
    .selectFrom('snapshots')
    .select(['stream_version', 'schema_version', 'state'])
    .where('stream_id', '=', streamId)
    .executeTakeFirst();
  return (
    row && {
      streamId,
      streamVersion: row.stream_version,
      schemaVersion: row.schema_version,
      state: row.state,
    }
  );
}
