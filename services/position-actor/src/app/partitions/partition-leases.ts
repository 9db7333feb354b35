import type { LeaseBackend } from '@hoga/leases';
import type { Logger } from '@hoga/telemetry';

/** What happens to an instance's partitions as leases come and go. */
export interface PartitionListener {
  /** A partition is now owned: host its live positions and consume its order events. */
  acquired(partition: number): Promise<void>;
  /** A partition is being given up: stop driving it (the lock is released afterwards). */
  released(partition: number): Promise<void>;
  /** The lease session died: these partitions are no longer owned; stop driving them now. */
  lost(partitions: readonly number[]): void;
}

/**
 * The lease loop: every `intervalMs` it opens the lease session if needed, counts the live
 * instances, releases partitions above the fair share `ceil(count / live)` (highest first,
 * after the listener stopped driving them) and tries to lock free ones up to that share.
 * Correctness (one owner) comes from the locks; the share only spreads the work.
 */
export class PartitionLeases {
  readonly #owned = new Set<number>();
  readonly #order: number[];
  #timer: NodeJS.Timeout | undefined;
  #tick: Promise<void> = Promise.resolve();

  constructor(
    private readonly backend: LeaseBackend,
    readonly count: number,
    private readonly listener: PartitionListener,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {
    const offset = Math.floor(Math.random() * count);
    this.#order = Array.from({ length: count }, (_, i) => (i + offset) % count);
  }

  /** True while this instance holds the partition's lease. */
  owns(partition: number): boolean {
    return this.#owned.has(partition);
  }
  /** The partitions held now, ascending. */
  owned(): number[] {
    return [...this.#owned].sort((a, b) => a - b);
  }

  /** Runs a first pass (awaited), then one pass every `intervalMs`. */
  async start(): Promise<void> {
    await this.rebalance();
    this.#timer = setInterval(() => void this.rebalance(), this.intervalMs);
  }

  /** One pass of the loop; passes never overlap. */
  rebalance(): Promise<void> {
    this.#tick = this.#tick.then(() => this.#pass());
    return this.#tick;
  }

  /** Stops the loop, gives every partition up (actors first), closes the session. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#tick;
    for (const p of this.owned()) {
      this.#owned.delete(p);
      await this.listener.released(p);
    }
    await this.backend.close();
  }

  async #pass(): Promise<void> {
    try {
      await this.backend.connect((error) => this.#lose(error));
      const share = Math.ceil(this.count / (await this.backend.liveInstances()));
      for (const p of this.owned().reverse()) {
        if (this.#owned.size <= share) break;
        this.#owned.delete(p);
        await this.listener.released(p);
        await this.backend.unlock(p);
      }
      for (const p of this.#order) {
        if (this.#owned.size >= share) break;
        if (this.#owned.has(p) || !(await this.backend.tryLock(p))) continue;
        this.#owned.add(p);
        await this.listener.acquired(p);
        // The session may have died while the partition was being hosted.
        if (!this.#owned.has(p)) await this.listener.released(p);
      }
    } catch (error) {
      this.logger.warn('partition lease pass failed', { error, owned: this.owned() });
    }
  }

  #lose(error: unknown): void {
    const lost = this.owned();
    this.#owned.clear();
    this.logger.error('partition lease session lost: stopped driving', { error, lost });
    this.listener.lost(lost);
  }
}
