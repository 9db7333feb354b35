/**
 * Exclusive partition locks shared by the instances of position-actor. A lock is held until
 * released or until the backend's session is lost; `lost` is then reported once and every lock
 * counts as gone (the holder must stop driving at once).
 */
export interface LeaseBackend {
  /** Opens the session (idempotent while it is up); rejects when it cannot. */
  connect(onLost: (error: unknown) => void): Promise<void>;
  /** Tries to lock a partition without waiting: true when this session now holds it. */
  tryLock(partition: number): Promise<boolean>;
  /** Releases a partition this session holds. */
  unlock(partition: number): Promise<void>;
  /** Live instances (sessions that announced themselves), at least 1 once connected. */
  liveInstances(): Promise<number>;
  /** Closes the session (every lock is released). */
  close(): Promise<void>;
}
