import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import { migrateInCurrentSchema } from '@hoga/event-store';

/** Creates `alert_outbox`: one row per alert and channel, unique per (dedup_key, channel). */
const alertOutboxTable: Migration = {
  async up(db) {
    await db.schema
      .createTable('alert_outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('dedup_key', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('sent_at', 'timestamptz')
      .addColumn('last_error', 'text')
      .addUniqueConstraint('alert_outbox_dedup_key_channel_key', ['dedup_key', 'channel'])
      .execute();
    await db.schema
      .createIndex('alert_outbox_due_idx')
      .on('alert_outbox')
      .column('next_attempt_at')
      .where(sql.ref('sent_at'), 'is', null)
      .execute();
  },
};

/** The notifier's migrations, in order. Never edit one that has shipped: add another. */
export const notifyMigrations: Readonly<Record<string, Migration>> = {
  '0001_alert_outbox': alertOutboxTable,
};

/** A notifier migration failed; `cause` has the database's error. */
export class NotifyMigrationError extends Error {
  override readonly name = 'NotifyMigrationError';
}

/**
 * Brings `alert_outbox` in the connection's current schema up to date (own migration table
 * `notify_migration`). Safe on every start and from several processes at once.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any database type
export function migrateNotify(db: Kysely<any>): Promise<void> {
  return migrateInCurrentSchema(db, {
    label: 'notify',
    table: 'notify_migration',
    migrations: notifyMigrations,
    error: (message, options) => new NotifyMigrationError(message, options),
  });
}
