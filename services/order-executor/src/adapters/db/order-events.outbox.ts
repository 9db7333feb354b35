import { sql, type Kysely } from 'kysely';
import type { OutboxMessage, OutboxStore } from '@hoga/event-store';
import { subjects } from '@hoga/contracts';
import type { PositionId } from '@hoga/model';
import type { ExecutorTables } from './tables.js';

const UNPARTITIONED = /^hoga\.order\.evt\.([^.]+)$/;

/**
 * A row's subject as it is published: a row written before ADR 0065 holds the unpartitioned
 * `hoga.order.evt.<positionId>`, which nothing consumes any more; it goes to its partition's
 * subject instead (the payload and id are unchanged). Every other subject is kept.
 */
export function publishedSubject(subject: string, partitions: number): string {
  const unpartitioned = UNPARTITIONED.exec(subject)?.[1];
  return unpartitioned === undefined
    ? subject
    : subjects.orderEvtFor(unpartitioned as PositionId, partitions).subject;
}

const asHeaders = (value: unknown): Readonly<Record<string, string>> => {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
};

/**
 * The `order_events` table seen as an outbox, for `@hoga/event-store`'s `OutboxRelay`: unsent
 * rows oldest first (by `seq`), marked sent after publishing, failures counted. Rows are kept
 * after sending: they are the log of every order's events. A row written before ADR 0065 is
 * published on its partition's subject ({@link publishedSubject}).
 */
export class OrderEventsOutbox implements OutboxStore {
  constructor(
    private readonly db: Kysely<ExecutorTables>,
    /** position-actor's partition count, for rows written before ADR 0065. */
    private readonly partitions: number,
  ) {}

  async pendingOutbox(limit: number): Promise<OutboxMessage[]> {
    const rows = await this.db
      .selectFrom('order_events')
      .select(['id', 'subject', 'payload', 'headers', 'created_at', 'attempts', 'last_error'])
      .where('sent_at', 'is', null)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      subject: publishedSubject(r.subject, this.partitions),
      payload: r.payload,
      headers: asHeaders(r.headers),
      createdAt: r.created_at,
      attempts: r.attempts,
      lastError: r.last_error,
    }));
  }

  async markOutboxSent(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('order_events')
      .set({ sent_at: sql<Date>`now()` })
      .where('id', 'in', [...ids])
      .where('sent_at', 'is', null)
      .execute();
  }

  async recordOutboxFailure(id: string, error: string): Promise<void> {
    await this.db
      .updateTable('order_events')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error }))
      .where('id', '=', id)
      .execute();
  }
}
