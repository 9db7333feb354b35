import type { EventStore, RecordedEvent } from '@hoga/event-store';
import type { Logger } from '@hoga/telemetry';

/** What a watch looks for: the first event of `streamId`, from `fromVersion` on, that `matches`. */
export interface DoneWatchTarget {
  readonly streamId: string;
  readonly fromVersion: number;
  readonly matches: (event: RecordedEvent) => boolean;
}

export interface DoneWatchSettings {
  /** How long a command's event is waited for. */
  readonly waitMs: number;
  /** How often the watched streams are read while something is waited for. */
  readonly pollMs: number;
  /** Commands waited for at once; beyond it a watch ends at once, unseen. */
  readonly maxWatches: number;
}

interface Watch extends DoneWatchTarget {
  /** The next version to read. */
  next: number;
  readonly deadline: number;
  readonly settle: (event: RecordedEvent | undefined) => void;
}

/**
 * Waits, boundedly, for the stored event that shows a command's effect: every `pollMs` it reads
 * each watched stream once (from the lowest version any of its watches still needs) and settles
 * the watches whose event is there; a watch still unmatched after `waitMs` settles undefined.
 * One loop serves every watch; it runs only while something is watched.
 */
export class DoneWatcher {
  readonly #watches = new Set<Watch>();
  #timer: NodeJS.Timeout | undefined;
  #polling = false;
  #stopped = false;

  constructor(
    private readonly store: EventStore,
    private readonly settings: DoneWatchSettings,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The matching event, or undefined when none was stored within the wait. */
  watch(target: DoneWatchTarget): Promise<RecordedEvent | undefined> {
    if (this.#stopped || this.#watches.size >= this.settings.maxWatches)
      return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const watch: Watch = {
        ...target,
        next: Math.max(1, target.fromVersion),
        deadline: this.now() + this.settings.waitMs,
        settle: (event) => {
          this.#watches.delete(watch);
          resolve(event);
        },
      };
      this.#watches.add(watch);
      this.#schedule(0);
    });
  }

  /** Watches under way. */
  get size(): number {
    return this.#watches.size;
  }

  /** Settles every watch unseen and stops polling. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    for (const w of [...this.#watches]) w.settle(undefined);
  }

  #schedule(delayMs: number): void {
    if (this.#timer !== undefined || this.#polling || this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#poll();
    }, delayMs);
  }

  async #poll(): Promise<void> {
    this.#polling = true;
    try {
      const byStream = new Map<string, Watch[]>();
      for (const w of this.#watches)
        byStream.set(w.streamId, [...(byStream.get(w.streamId) ?? []), w]);
      await Promise.all([...byStream].map(([streamId, watches]) => this.#read(streamId, watches)));
      const at = this.now();
      for (const w of [...this.#watches]) if (at >= w.deadline) w.settle(undefined);
    } finally {
      this.#polling = false;
    }
    if (this.#watches.size > 0) this.#schedule(this.settings.pollMs);
  }

  async #read(streamId: string, watches: readonly Watch[]): Promise<void> {
    const from = Math.min(...watches.map((w) => w.next));
    let events: RecordedEvent[];
    try {
      events = await this.store.readStream(streamId, from);
    } catch (error) {
      this.logger.warn('command receipts: reading a stream failed', { streamId, error });
      return;
    }
    for (const w of watches) {
      const hit = events.find((e) => e.streamVersion >= w.next && w.matches(e));
      const last = events.at(-1);
      if (hit !== undefined) w.settle(hit);
      else if (last !== undefined) w.next = Math.max(w.next, last.streamVersion + 1);
    }
  }
}
