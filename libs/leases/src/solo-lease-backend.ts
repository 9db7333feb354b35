import type { LeaseBackend } from './lease-backend.port.js';

/**
 * The lease backend of a single instance (all-in-one mode, in-memory tests): every lock is
 * granted to the one holder in this process and the session is never lost. Never use it with
 * several instances.
 */
export class SoloLeaseBackend implements LeaseBackend {
  readonly #held = new Set<number>();

  connect(): Promise<void> {
    return Promise.resolve();
  }
  tryLock(key: number): Promise<boolean> {
    this.#held.add(key);
    return Promise.resolve(true);
  }
  unlock(key: number): Promise<void> {
    this.#held.delete(key);
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
