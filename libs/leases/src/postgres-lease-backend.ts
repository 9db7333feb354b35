import pg from 'pg';
import type { LeaseBackend } from './lease-backend.port.js';

/**
 * The advisory-lock class of position-actor's partition leases: 'PACT' (its presence locks use
 * class + 1). Every user of {@link PostgresLeaseBackend} passes a class of its own, so that the
 * locks of two services never collide.
 */
export const DEFAULT_LEASE_CLASS = 0x50414354;

/** The largest lock class: class + 1 (presence) must still fit in a positive 32-bit high half. */
const MAX_CLASS = 0x7ffffffe;

/** The single-key (bigint) advisory-lock key of `(classId, low)`: classId in the high 32 bits. */
export const leaseKey = (classId: number, low: number): string =>
  ((BigInt(classId) << 32n) | BigInt(low)).toString();

const COUNT_PRESENCE = `select count(*)::int as n from pg_locks
  where locktype = 'advisory' and granted and objsubid = 1 and classid = $1::oid
    and database = (select oid from pg_database where datname = current_database())`;

/**
 * Leases as session-level single-key PostgreSQL advisory locks (`pg_try_advisory_lock(bigint)`,
 * key `(classId << 32) | key`), held on one dedicated connection. Single-key locks never collide
 * with the event store's two-key stream locks (ADR 0004). When the connection dies, PostgreSQL
 * releases every lock; `onLost` is called at once so the holder stops acting. Each session also
 * holds a presence lock `(classId + 1, backend pid)`: counting those gives the live instances,
 * and they vanish with their connection.
 */
export class PostgresLeaseBackend implements LeaseBackend {
  #client: pg.Client | undefined;
  #pid: number | undefined;

  /** `classId`: the lock class of one user (an integer in 1 ..= 0x7ffffffe; presence is + 1). */
  constructor(
    private readonly config: pg.ClientConfig,
    private readonly classId: number,
  ) {
    if (!Number.isInteger(classId) || classId < 1 || classId > MAX_CLASS)
      throw new RangeError(
        `lease class ${String(classId)} is not an integer in 1 ..= ${String(MAX_CLASS)}`,
      );
  }

  async connect(onLost: (error: unknown) => void): Promise<void> {
    if (this.#client !== undefined) return;
    const client = new pg.Client({ ...this.config, keepAlive: true });
    let lost = false;
    const lose = (error: unknown) => {
      if (lost) return;
      lost = true;
      if (this.#client === client) this.#client = undefined;
      onLost(error);
    };
    client.on('error', lose);
    client.on('end', () => lose(new Error('lease connection ended')));
    await client.connect();
    this.#client = client;
    const r = await client.query<{ pid: number }>(
      'select pg_advisory_lock(($1::bigint << 32) | pg_backend_pid()), pg_backend_pid() as pid',
      [this.classId + 1],
    );
    this.#pid = r.rows[0]?.pid;
  }

  /** The server process id of the lease session (operators: `pg_terminate_backend` it to force a hand-over). */
  sessionPid(): number | undefined {
    return this.#client === undefined ? undefined : this.#pid;
  }

  async tryLock(key: number): Promise<boolean> {
    const r = await this.#session().query<{ ok: boolean }>(
      'select pg_try_advisory_lock($1::bigint) as ok',
      [leaseKey(this.classId, key)],
    );
    return r.rows[0]?.ok === true;
  }

  async unlock(key: number): Promise<void> {
    await this.#session().query('select pg_advisory_unlock($1::bigint)', [
      leaseKey(this.classId, key),
    ]);
  }

  async liveInstances(): Promise<number> {
    const r = await this.#session().query<{ n: number }>(COUNT_PRESENCE, [this.classId + 1]);
    return Math.max(1, r.rows[0]?.n ?? 1);
  }

  async close(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    if (client === undefined) return;
    client.removeAllListeners();
    client.on('error', () => undefined);
    await client.end();
  }

  #session(): pg.Client {
    if (this.#client === undefined) throw new Error('lease connection is not open');
    return this.#client;
  }
}
