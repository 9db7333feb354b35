/** One unit of work for an actor; `coalesce` marks inputs where only the latest matters. */
interface QueuedWork {
  readonly coalesce: boolean;
  run: () => Promise<void>;
  readonly waiters: { resolve: () => void; reject: (e: unknown) => void }[];
}

/**
 * A per-actor queue: work runs strictly one item at a time, in arrival order. A coalescing
 * item (a tick) replaces a coalescing item still waiting in the queue (only the latest price
 * matters; the skipped tick's waiters settle with the replacement). Work never runs
 * synchronously inside `push`.
 */
export class ActorQueue {
  readonly #items: QueuedWork[] = [];
  #running: Promise<void> | undefined;

  /** Queues work; resolves once it (or the tick that replaced it) has run. */
  push(run: () => Promise<void>, coalesce = false): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiter = { resolve, reject };
      const queued = coalesce ? this.#items.find((item) => item.coalesce) : undefined;
      if (queued !== undefined) {
        queued.run = run;
        queued.waiters.push(waiter);
      } else this.#items.push({ coalesce, run, waiters: [waiter] });
      this.#running ??= this.#drain();
    });
  }

  /** True when nothing is queued or running: an input decided now is in arrival order. */
  get empty(): boolean {
    return this.#running === undefined;
  }

  /** Resolves when nothing is queued or running. */
  async idle(): Promise<void> {
    while (this.#running !== undefined) await this.#running;
  }

  async #drain(): Promise<void> {
    await Promise.resolve();
    for (let item = this.#items.shift(); item !== undefined; item = this.#items.shift()) {
      try {
        await item.run();
        for (const w of item.waiters) w.resolve();
      } catch (error) {
        for (const w of item.waiters) w.reject(error);
      }
    }
    this.#running = undefined;
  }
}
