import type { LeaseBackend } from '@hoga/leases';
import type { Logger } from '@hoga/telemetry';

/** The one lock of the leader lease, in risk-guard's own lock class. */
export const LEADER_LOCK = 0;

/** What leading means to the service: taking over, and stopping. */
export interface LeaderRole {
  /** The lease is held now: take over. A rejection gives the lease back (retried later). */
  lead(): Promise<void>;
  /**
   * The lease session died: stop acting at once, before returning (no decision, append, ops
   * answer or watchdog pass after this call). Never throws; what it starts may finish later.
   */
  lost(): Promise<void>;
  /** Leadership is being given up in order (stop, a failed take-over): finish, then stop. */
  release(): Promise<void>;
}

/**
 * The leader lease of risk-guard: one lock of a {@link LeaseBackend}. While not the leader it
 * opens the lease session if needed and tries the lock without waiting, now and then every
 * `retryMs`; once it holds the lock the role takes over. When the session dies the backend says
 * so (`onLost`) and the role stops acting at once; attempts go on, so the instance leads again
 * when the lock is free. One lock, so one leader; the `risk` stream's expected version guards an
 * append already in flight when the lease is lost.
 */
export class Leadership {
  #leading = false;
  #stopped = false;
  #timer: NodeJS.Timeout | undefined;
  #attempts: Promise<void> = Promise.resolve();

  constructor(
    private readonly backend: LeaseBackend,
    private readonly role: LeaderRole,
    private readonly logger: Logger,
    private readonly retryMs: number,
  ) {}

  /** True from the lock taken (take-over under way) until the lease is lost or given up. */
  isLeader(): boolean {
    return this.#leading;
  }

  /** Runs a first attempt (awaited: a free lock is taken over before this resolves), then retries. */
  async start(): Promise<void> {
    await this.attempt();
    this.#timer = setInterval(() => void this.attempt(), this.retryMs);
    this.#timer.unref();
  }

  /** One attempt to take the lease unless it is held; attempts never overlap. */
  attempt(): Promise<void> {
    this.#attempts = this.#attempts.then(() => this.#attempt());
    return this.#attempts;
  }

  /** Stops trying, gives leadership up in order, closes the lease session (the lock is freed). */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#attempts;
    await this.#giveUp();
    await this.backend.close();
  }

  async #attempt(): Promise<void> {
    if (this.#leading || this.#stopped) return;
    try {
      await this.backend.connect((error) => this.#lost(error));
      if (!(await this.backend.tryLock(LEADER_LOCK))) return;
    } catch (error) {
      this.logger.warn('leader lease: attempt failed, trying again', { error });
      return;
    }
    this.#leading = true;
    this.logger.info('leader lease acquired: taking over');
    try {
      await this.role.lead();
    } catch (error) {
      this.logger.error('take-over failed: giving the leader lease back', { error });
      if (await this.#giveUp())
        await this.backend
          .unlock(LEADER_LOCK)
          .catch((e: unknown) => this.logger.warn('leader lease not unlocked', { error: e }));
    }
  }

  /** Releases the role if this instance leads; true when it did. */
  async #giveUp(): Promise<boolean> {
    if (!this.#leading) return false;
    this.#leading = false;
    await this.role.release();
    return true;
  }

  #lost(error: unknown): void {
    if (!this.#leading) {
      this.logger.warn('leader lease session lost while standing by', { error });
      return;
    }
    this.#leading = false;
    this.logger.error('leader lease lost: stopped acting; trying to lead again', { error });
    this.role.lost().catch((e: unknown) => this.logger.error('standing down failed', { error: e }));
  }
}
