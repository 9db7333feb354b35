import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createTestSchema } from '@hoga/testkit';
import type { TestSchema } from '@hoga/testkit';
import { eventually } from './testing/eventually.js';
import { FakeTelegram } from './testing/fake-telegram.js';
import { alertData, notifierFor, TOKEN } from './testing/notify.js';
import { migrateNotify } from './alert-outbox.migrations.js';
import { PostgresAlertOutbox } from './postgres-alert-outbox.js';
import type { NotifyTables } from './postgres-alert-outbox.js';

describe('PostgresAlertOutbox with a Notifier', () => {
  const fake = new FakeTelegram();
  let schema: TestSchema;
  let db: Kysely<NotifyTables>;
  let outbox: PostgresAlertOutbox;
  const pending = async () => (await outbox.list()).filter((r) => r.sentAt === null);

  beforeEach(async () => {
    schema = await createTestSchema('notify');
    db = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool(schema.poolConfig) }) });
    await Promise.all([migrateNotify(db), migrateNotify(db)]);
    outbox = new PostgresAlertOutbox(db);
    fake.requests.length = 0;
    await fake.listen(0);
  });
  afterEach(async () => {
    await fake.close();
    await db.destroy();
    await schema.dispose();
  });

  it('migrates idempotently into its own migration table', async () => {
    await migrateNotify(db);
    const { rows } = await sql<{ name: string }>`select name from notify_migration`.execute(db);
    deepStrictEqual(
      rows.map((r) => r.name),
      ['0001_alert_outbox'],
    );
  });

  it('stores an alert once per (dedupKey, channel) and re-arms it after the window', async () => {
    const now = new Date('2026-11-23T10:00:00Z');
    strictEqual(await outbox.enqueue(alertData('k'), ['telegram:1', 'webhook'], now), 2);
    strictEqual(await outbox.enqueue(alertData('k'), ['telegram:1', 'webhook'], now), 0);
    const [row] = await outbox.claimDue(now, 1, 60_000);
    await outbox.markSent(row!.id, now);
    const later = new Date(now.getTime() + 2 * 60 * 60 * 1000);
    strictEqual(await outbox.enqueue(alertData('k'), ['telegram:1', 'webhook'], later), 1);
    strictEqual((await pending()).length, 2);
  });

  it('hides claimed rows for the lease, so two notifiers never take the same row', async () => {
    const now = new Date();
    await outbox.enqueue(alertData('lease'), ['a', 'b', 'c'], now);
    const [first, second] = await Promise.all([
      outbox.claimDue(now, 2, 60_000),
      outbox.claimDue(now, 2, 60_000),
    ]);
    strictEqual(first.length + second.length, 3);
    strictEqual(new Set([...first, ...second].map((r) => r.id)).size, 3);
  });

  it('keeps rows pending while Telegram is down and delivers each exactly once when it returns', async () => {
    const { notifier, sink } = notifierFor(fake, outbox);
    fake.answerNext({ kind: 'error', status: 500 }, { kind: 'error', status: 500 });
    notifier.start();
    try {
      await notifier.enqueue(alertData('down'));
      await eventually(async () => (await pending()).every((r) => r.attempts >= 1));
      await fake.close();
      await eventually(async () => (await pending()).every((r) => r.attempts >= 2));
      strictEqual((await pending()).length, 2);
      ok((await pending()).every((r) => r.lastError?.includes('TelegramUnavailableError')));
      await fake.listen();
      await eventually(async () => (await pending()).length === 0);
      const delivered = fake.requests.filter((r) => (r.json['text'] as string).includes('Loss'));
      strictEqual(delivered.length, 4, '2 answered 500, then 1 per chat');
      for (const r of sink.records) ok(!JSON.stringify(r).includes(TOKEN));
    } finally {
      await notifier.stop();
    }
  });

  it('delivers pending rows after a restart (a new notifier over the same table)', async () => {
    const first = notifierFor(fake, outbox).notifier;
    await first.enqueue(alertData('restart'));
    strictEqual((await pending()).length, 2, 'never started: nothing sent');
    const second = notifierFor(fake, new PostgresAlertOutbox(db)).notifier;
    second.start();
    try {
      await eventually(async () => (await pending()).length === 0);
      strictEqual(fake.requests.length, 2);
    } finally {
      await second.stop();
    }
  });

  it('returns from enqueue while Telegram hangs', async () => {
    const { notifier } = notifierFor(fake, outbox);
    fake.answerNext({ kind: 'hang' });
    notifier.start();
    try {
      await notifier.enqueue(alertData('hang-1'));
      await eventually(() => fake.hangingCount === 1);
      strictEqual(await notifier.enqueue(alertData('hang-2')), 2);
      strictEqual(fake.hangingCount, 1, 'enqueue returned while delivery still hung');
      fake.release();
      await eventually(async () => (await pending()).length === 0);
    } finally {
      await notifier.stop();
    }
  });
});
