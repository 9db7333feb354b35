import pg from 'pg';
import type { LeaseBackend } from '../lease-backend.port.js';
import { PostgresLeaseBackend } from '../postgres-lease-backend.js';

/**
 * Test support: PostgreSQL leases that can crash like a dead or partitioned process — the
 * session is killed server-side (`pg_terminate_backend`, so PostgreSQL frees its locks without
 * any release) and no new session can be opened afterwards.
 */
export class CrashableLeaseBackend implements LeaseBackend {
  readonly #inner: PostgresLeaseBackend;
  #crashed = false;

  constructor(
    private readonly config: pg.ClientConfig,
    classId: number,
  ) {
    this.#inner = new PostgresLeaseBackend(config, classId);
  }

  async crash(): Promise<void> {
    this.#crashed = true;
    const pid = this.#inner.sessionPid();
    const admin = new pg.Client(this.config);
    await admin.connect();
    try {
      await admin.query('select pg_terminate_backend($1)', [pid]);
    } finally {
      await admin.end();
    }
  }

  connect(onLost: (error: unknown) => void): Promise<void> {
    if (this.#crashed) return Promise.reject(new Error('crashed'));
    return this.#inner.connect(onLost);
  }
  tryLock(partition: number): Promise<boolean> {
    return this.#inner.tryLock(partition);
  }
  unlock(partition: number): Promise<void> {
    return this.#inner.unlock(partition);
  }
  liveInstances(): Promise<number> {
    return this.#inner.liveInstances();
  }
  close(): Promise<void> {
    return this.#inner.close();
  }
}
