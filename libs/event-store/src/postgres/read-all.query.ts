import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ReadAllOptions, ReadAllResult } from '../event-store.port.js';
import type { EventStoreTables } from './tables.js';
import { eventPage, toRecordedEvents } from './event-row.js';

/**
 * Events after a checkpoint in (transaction id, global position) order, and only those of
 * transactions older than every transaction still running (`pg_snapshot_xmin`). A transaction
 * that took a lower position but commits later is still running, so nothing at or after it is
 * returned until it ends; no transaction started later can get a lower id; so the order is
 * final and a reader that moves its checkpoint forward never skips a late commit. A rolled-back
 * transaction leaves a gap in positions that costs nothing. The price: a long transaction
 * anywhere in the database holds readers back until it ends.
 */
export async function readAllEvents(
  db: Kysely<EventStoreTables>,
  options: ReadAllOptions,
): Promise<ReadAllResult> {
  const { after, limit } = options;
  const { rows } = await eventPage(
    sql`select * from events
    where (transaction_id, global_position) > (${after.transactionId.toString()}::xid8, ${after.globalPosition.toString()}::bigint)
      and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
    order by transaction_id, global_position
    limit ${limit}`,
    'commit',
  ).execute(db);
  const events = toRecordedEvents(rows[0]?.page);
  const last = events.at(-1);
  return {
    events,
    checkpoint: last
      ? { transactionId: last.transactionId, globalPosition: last.globalPosition }
      : after,
  };
}
