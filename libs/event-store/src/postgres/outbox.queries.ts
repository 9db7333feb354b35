import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { OutboxMessage } from '../event-store.port.js';
import { decodeOutboxHeaders } from '../stored-json.codec.js';
import type { EventStoreTables } from './tables.js';

/** Unsent outbox rows, oldest first. */
export async function selectPendingOutbox(
  db: Kysely<EventStoreTables>,
  limit: number,
): Promise<OutboxMessage[]> {
  const rows = await db
    .selectFrom('outbox')
    .select(['id', 'subject', 'payload', 'headers', 'created_at', 'attempts', 'last_error'])
    .where('sent_at', 'is', null)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    subject: row.subject,
    payload: row.payload,
    headers: decodeOutboxHeaders(row.headers, row.id),
    createdAt: row.created_at,
    attempts: row.attempts,
    lastError: row.last_error,
  }));
}

/** Marks rows as published (rows already marked keep their first time). */
export async function updateOutboxSent(
  db: Kysely<EventStoreTables>,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox')
    .set({ sent_at: sql<Date>`now()` })
    .where('id', 'in', [...ids])
    .where('sent_at', 'is', null)
    .execute();
}

/** Counts a failed publish attempt and keeps its error. */
export async function updateOutboxFailure(
  db: Kysely<EventStoreTables>,
  id: string,
  error: string,
): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error }))
    .where('id', '=', id)
    .execute();
}
