/**
 * Exclusive locks shared by the instances of one service (position-actor's partitions,
 * risk-guard's leadership). A lock is held until released or until the backend's session is
 * lost; `onLost` is then reported once and every lock counts as gone (the holder must stop
 * acting at once).
 */
export interface LeaseBackend {
  /** Opens the session (idempotent while it is up); rejects when it cannot. */
  connect(onLost: (error: unknown) => void): Promise<void>;
  /** Tries to take lock `key` without waiting: true when this session now holds it. */
  tryLock(key: number): Promise<boolean>;
  /** Releases a lock this session holds. */
  unlock(key: number): Promise<void>;
  /** Live instances (sessions that announced themselves), at least 1 once connected. */
  liveInstances(): Promise<number>;
  /** Closes the session (every lock is released); `onLost` is not called. */
  close(): Promise<void>;
}
