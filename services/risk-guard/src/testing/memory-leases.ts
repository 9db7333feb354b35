import type { LeaseBackend } from '@hoga/leases';

/**
 * Test support: exclusive leases in memory for several instances in one process. Each
 * {@link MemoryLeases.session} is one instance's lease session; {@link MemoryLeaseSession.kill}
 * drops it like a dead connection (its locks freed, `onLost` called once).
 */
export class MemoryLeases {
  readonly holders = new Map<number, MemoryLeaseSession>();

  session(): MemoryLeaseSession {
    return new MemoryLeaseSession(this.holders);
  }
}

/** One lease session of {@link MemoryLeases}. */
export class MemoryLeaseSession implements LeaseBackend {
  #onLost: ((error: unknown) => void) | undefined;
  /** While true, a new session cannot be opened (a dead or partitioned instance). */
  refuseConnect = false;

  constructor(private readonly holders: Map<number, MemoryLeaseSession>) {}

  connect(onLost: (error: unknown) => void): Promise<void> {
    if (this.#onLost !== undefined) return Promise.resolve();
    if (this.refuseConnect) return Promise.reject(new Error('lease session refused'));
    this.#onLost = onLost;
    return Promise.resolve();
  }
  tryLock(key: number): Promise<boolean> {
    if (this.#onLost === undefined) return Promise.reject(new Error('lease session not open'));
    const holder = this.holders.get(key);
    if (holder !== undefined && holder !== this) return Promise.resolve(false);
    this.holders.set(key, this);
    return Promise.resolve(true);
  }
  unlock(key: number): Promise<void> {
    if (this.holders.get(key) === this) this.holders.delete(key);
    return Promise.resolve();
  }
  liveInstances(): Promise<number> {
    return Promise.resolve(1);
  }
  close(): Promise<void> {
    this.#release();
    this.#onLost = undefined;
    return Promise.resolve();
  }

  /** The session dies: its locks are free at once and its holder is told (once). */
  kill(): void {
    const onLost = this.#onLost;
    this.#onLost = undefined;
    this.#release();
    onLost?.(new Error('lease session killed'));
  }

  #release(): void {
    for (const [key, holder] of this.holders) if (holder === this) this.holders.delete(key);
  }
}
