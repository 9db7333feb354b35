import { deepStrictEqual, equal, ok, strictEqual } from 'node:assert/strict';
import { eventually, testDatabaseUrl } from '@hoga/testkit';
import pg from 'pg';
import { PostgresLeaseBackend } from './postgres-lease-backend.js';

/** A fresh lock class per test: advisory locks are database-wide, runs must not meet. */
const freshClass = (): number => 0x20000000 + Math.floor(Math.random() * 0x0fffffff) * 2;

async function terminate(connectionString: string, pid: number | undefined): Promise<void> {
  ok(pid !== undefined, 'the session has a server pid');
  const admin = new pg.Client({ connectionString });
  await admin.connect();
  try {
    await admin.query('select pg_terminate_backend($1)', [pid]);
  } finally {
    await admin.end();
  }
}

describe('PostgresLeaseBackend (advisory locks on real PostgreSQL)', function () {
  this.timeout(20_000);
  let connectionString: string;
  const opened: PostgresLeaseBackend[] = [];
  const losses = new Map<PostgresLeaseBackend, unknown[]>();

  before(async () => {
    connectionString = await testDatabaseUrl();
  });
  afterEach(async () => {
    for (const b of opened.splice(0)) await b.close();
    losses.clear();
  });

  async function session(classId: number): Promise<PostgresLeaseBackend> {
    const backend = new PostgresLeaseBackend({ connectionString }, classId);
    const lost: unknown[] = [];
    losses.set(backend, lost);
    await backend.connect((error) => lost.push(error));
    opened.push(backend);
    return backend;
  }

  it('a lock is held by one session at a time and is free again once unlocked', async () => {
    const classId = freshClass();
    const a = await session(classId);
    const b = await session(classId);
    strictEqual(await a.tryLock(7), true);
    strictEqual(await b.tryLock(7), false, 'b cannot take what a holds');
    strictEqual(await b.tryLock(8), true, 'another key is free');
    await a.unlock(7);
    strictEqual(await b.tryLock(7), true, 'unlocked: b takes it');
    strictEqual(await a.tryLock(7), false);
  });

  it('closing a session releases its locks without reporting it lost', async () => {
    const classId = freshClass();
    const a = await session(classId);
    const b = await session(classId);
    strictEqual(await a.tryLock(0), true);
    await a.close();
    strictEqual(await b.tryLock(0), true);
    deepStrictEqual(losses.get(a), []);
  });

  it('a session killed server-side is reported lost once; its locks go to another session', async () => {
    const classId = freshClass();
    const a = await session(classId);
    const b = await session(classId);
    strictEqual(await a.tryLock(0), true);
    await terminate(connectionString, a.sessionPid());
    await eventually(() => equal(losses.get(a)?.length, 1));
    strictEqual(a.sessionPid(), undefined, 'no session any more');
    await eventually(async () => strictEqual(await b.tryLock(0), true));
    deepStrictEqual(losses.get(b), []);

    await a.connect((error) => losses.get(a)?.push(error));
    strictEqual(await a.tryLock(0), false, 'a new session of a: the lock is b’s now');
    equal(losses.get(a)?.length, 1, 'reported once');
  });

  it('counts the live sessions of its own class only', async () => {
    const classId = freshClass();
    const a = await session(classId);
    await session(classId);
    const other = await session(classId + 0x10000000);
    strictEqual(await a.liveInstances(), 2);
    strictEqual(await other.liveInstances(), 1);
  });

  it('two classes never share a lock: the same key is held in both at once', async () => {
    const classId = freshClass();
    const a = await session(classId);
    const b = await session(classId + 0x10000000);
    strictEqual(await a.tryLock(0), true);
    strictEqual(await b.tryLock(0), true);
  });

  it('refuses to use a lock session that is not open', async () => {
    const backend = new PostgresLeaseBackend({ connectionString }, freshClass());
    await backend.tryLock(0).then(
      () => Promise.reject(new Error('tryLock without a session resolved')),
      (error: unknown) => ok(error instanceof Error && /not open/.test(error.message)),
    );
  });
});
