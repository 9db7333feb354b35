import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Generated, Kysely, Selectable } from 'kysely';
import type { AlertSeverity } from '@hoga/contracts';
import type { AlertOutbox, AlertRow, OutboxAlert } from './alert-outbox.port.js';
import { DEFAULT_DEDUP_WINDOW_MS } from './alert-outbox.port.js';

interface AlertOutboxTable {
  id: string;
  dedup_key: string;
  channel: string;
  severity: AlertSeverity;
  title: string;
  body: string;
  source: string;
  occurred_at: Date;
  created_at: Date;
  next_attempt_at: Date;
  attempts: Generated<number>;
  sent_at: Date | null;
  last_error: string | null;
}

/** The notifier's tables as Kysely sees them. */
export interface NotifyTables {
  alert_outbox: AlertOutboxTable;
}

const toRow = (r: Selectable<AlertOutboxTable>): AlertRow => ({
  id: r.id,
  channel: r.channel,
  severity: r.severity,
  title: r.title,
  body: r.body,
  dedupKey: r.dedup_key,
  source: r.source,
  occurredAt: r.occurred_at.toISOString(),
  createdAt: r.created_at,
  nextAttemptAt: r.next_attempt_at,
  attempts: r.attempts,
  sentAt: r.sent_at,
  lastError: r.last_error,
});

/** The durable {@link AlertOutbox} in PostgreSQL (`alert_outbox`, see `migrateNotify`). */
export class PostgresAlertOutbox implements AlertOutbox {
  constructor(
    private readonly db: Kysely<NotifyTables>,
    private readonly dedupWindowMs = DEFAULT_DEDUP_WINDOW_MS,
  ) {}

  async enqueue(alert: OutboxAlert, channels: readonly string[], now: Date): Promise<number> {
    const unique = [...new Set(channels)];
    if (unique.length === 0) return 0;
    const horizon = new Date(now.getTime() - this.dedupWindowMs);
    const values = unique.map((channel) => ({
      id: randomUUID(),
      dedup_key: alert.dedupKey,
      channel,
      severity: alert.severity,
      title: alert.title,
      body: alert.body,
      source: alert.source,
      occurred_at: new Date(alert.occurredAt),
      created_at: now,
      next_attempt_at: now,
      sent_at: null,
      last_error: null,
    }));
    // Pending or recently sent: ignored. Sent before the window: delivered afresh.
    const result = await this.db
      .insertInto('alert_outbox')
      .values(values)
      .onConflict((oc) =>
        oc
          .columns(['dedup_key', 'channel'])
          .doUpdateSet((eb) => ({
            id: eb.ref('excluded.id'),
            severity: eb.ref('excluded.severity'),
            title: eb.ref('excluded.title'),
            body: eb.ref('excluded.body'),
            source: eb.ref('excluded.source'),
            occurred_at: eb.ref('excluded.occurred_at'),
            created_at: eb.ref('excluded.created_at'),
            next_attempt_at: eb.ref('excluded.next_attempt_at'),
            attempts: 0,
            sent_at: null,
            last_error: null,
          }))
          .where('alert_outbox.sent_at', 'is not', null)
          .where('alert_outbox.created_at', '<=', horizon),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n);
  }

  async claimDue(now: Date, limit: number, leaseMs: number): Promise<AlertRow[]> {
    const lease = new Date(now.getTime() + leaseMs);
    const rows = await this.db
      .updateTable('alert_outbox')
      .set({ next_attempt_at: lease })
      .where('id', 'in', (qb) =>
        qb
          .selectFrom('alert_outbox')
          .select('id')
          .where('sent_at', 'is', null)
          .where('next_attempt_at', '<=', now)
          .orderBy('next_attempt_at')
          .limit(limit)
          .forUpdate()
          .skipLocked(),
      )
      .returningAll()
      .execute();
    // RETURNING shows the leased time; report the original due order by creation.
    return rows.map(toRow).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  async markSent(id: string, at: Date): Promise<void> {
    await this.db
      .updateTable('alert_outbox')
      .set((eb) => ({ sent_at: at, attempts: eb('attempts', '+', 1), last_error: null }))
      .where('id', '=', id)
      .execute();
  }

  async markFailed(id: string, error: string, nextAttemptAt: Date): Promise<void> {
    await this.db
      .updateTable('alert_outbox')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        last_error: error.slice(0, 1000),
        next_attempt_at: nextAttemptAt,
      }))
      .where('id', '=', id)
      .execute();
  }

  async nextDueAt(): Promise<Date | undefined> {
    const row = await this.db
      .selectFrom('alert_outbox')
      .select(sql<Date | null>`min(next_attempt_at)`.as('due'))
      .where('sent_at', 'is', null)
      .executeTakeFirst();
    return row?.due ?? undefined;
  }

  async list(): Promise<AlertRow[]> {
    const rows = await this.db
      .selectFrom('alert_outbox')
      .selectAll()
      .orderBy('created_at')
      .execute();
    return rows.map(toRow);
  }
}
