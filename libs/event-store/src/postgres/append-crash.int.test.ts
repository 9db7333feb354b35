import { deepStrictEqual, rejects, strictEqual } from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { createTestSchema, uniqueName } from '@hoga/testkit';
import type { TestSchema } from '@hoga/testkit';
import { newEvent, streamId } from '../testing/contract/fixtures.js';
import { PostgresEventStore } from './postgres-event-store.js';

/** Waits until the store's connection is inside an append that has written rows and now waits on a lock. */
async function blockedAppendBackend(admin: pg.Client, applicationName: string): Promise<number> {
  for (;;) {
    const { rows } = await admin.query<{ pid: number }>(
      `select pid from pg_stat_activity
       where application_name = $1 and wait_event_type = 'Lock' and backend_xid is not null and query like '%insert into outbox%'`,
      [applicationName],
    );
    if (rows[0]) return rows[0].pid;
    await sleep(10);
  }
}

describe('PostgresEventStore append killed midway', () => {
  let schema: TestSchema;
  let store: PostgresEventStore;
  let admin: pg.Client;
  let blocker: pg.Client;
  const applicationName = uniqueName('appender');

  beforeEach(async () => {
    schema = await createTestSchema('event_store_crash');
    store = new PostgresEventStore({ ...schema.poolConfig, application_name: applicationName });
    await store.migrate();
    admin = new pg.Client(schema.poolConfig);
    blocker = new pg.Client(schema.poolConfig);
    await admin.connect();
    await blocker.connect();
  });

  afterEach(async () => {
    await blocker.end();
    await admin.end();
    await store.close();
    await schema.dispose();
  });

  it('leaves nothing when the connection is terminated inside the append transaction; the store carries on', async () => {
    const stream = streamId('killed');
    const events = [newEvent('EntryOrderRequested'), newEvent('PeakPriceRaised')];
    const outbox = [
      { id: uniqueName('order'), subject: 'test.outbox.cmd', payload: { side: 'bid' } },
    ];
    // Another transaction holds the outbox id: the append writes its stream row and events, then waits on it.
    await blocker.query('begin');
    await blocker.query(`insert into outbox (id, subject, payload) values ($1, 'x', '{}')`, [
      outbox[0]!.id,
    ]);
    const append = store.append(stream, events, { expectedVersion: 'no-stream', outbox });
    const pid = await blockedAppendBackend(admin, applicationName);
    await admin.query('select pg_terminate_backend($1)', [pid]);
    await rejects(append);
    await blocker.query('rollback');

    strictEqual(await store.streamVersion(stream), 0);
    deepStrictEqual(await store.readStream(stream), []);
    deepStrictEqual(await store.pendingOutbox(10), []);

    const retried = await store.append(stream, events, { expectedVersion: 'no-stream', outbox });
    strictEqual(retried.nextVersion, 2);
    deepStrictEqual(
      (await store.readStream(stream)).map((e) => e.type),
      ['EntryOrderRequested', 'PeakPriceRaised'],
    );
    deepStrictEqual(
      (await store.pendingOutbox(10)).map((m) => m.id),
      [outbox[0]!.id],
    );
  });
});
