import type { LeaseBackend } from './lease-backend.port.js';

/**
 * The lease backend of a single instance (all-in-one mode, in-memory tests): every lock is
 * granted to the one holder in this process. Never use it with several instances.
 */
export class SoloLeaseBackend implements LeaseBackend {
  readonly #held = new Set<number>();

  connect(): Promise<void> {
    return Promise.resolve();
  }
  tryLock(partition: number): Promise<boolean> {
    this.#held.add(partition);
    return Promise.resolve(true);
  }
  unlock(partition: number): Promise<void> {
    this.#held.delete(partition);
    return Promise.resolve();
  }
  liveInstances(): Promise<number> {
    return Promise.resolve(1);
  }
  close(): Promise<void> {
    this.#held.clear();
    return Promise.resolve();
  }
}
