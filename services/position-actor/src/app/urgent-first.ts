import { performance } from 'node:perf_hooks';

/** The longest a background append waits for urgent ones before it goes anyway. */
export const BACKGROUND_MAX_WAIT_MS = 250;
/**
 * How long after the last urgent append background work still waits: what an urgent append
 * set going (the order it published, the executor's insert and POST in the same process and
 * database) should not share the loop and the WAL with the appends that gave way to it.
 */
export const BACKGROUND_QUIET_MS = 10;

/**
 * Appends that move money first: work marked `background` (storing a raised peak, which only
 * remembers a price) starts after the current turn of the event loop — so the decisions the
 * same tick made elsewhere (an exit) are in flight first — and then waits while urgent work is
 * in flight or ended less than {@link BACKGROUND_QUIET_MS} ago, at most
 * {@link BACKGROUND_MAX_WAIT_MS} (by default), or until its key is hurried (its position has
 * another input waiting behind it). One price jump raises the peak of every position on the
 * market; without this the one exit it triggers queues behind their commits.
 */
export class UrgentFirst {
  #inFlight = 0;
  #lastUrgentEnd = Number.NEGATIVE_INFINITY;
  readonly #waiting = new Set<() => void>();
  readonly #byKey = new Map<string, () => void>();

  constructor(
    private readonly maxWaitMs: number = BACKGROUND_MAX_WAIT_MS,
    private readonly quietMs: number = BACKGROUND_QUIET_MS,
  ) {}

  /** Runs urgent work at once; background work waits while any is in flight. */
  async urgent<T>(work: () => Promise<T>): Promise<T> {
    this.#inFlight += 1;
    try {
      return await work();
    } finally {
      this.#inFlight -= 1;
      this.#lastUrgentEnd = performance.now();
      if (this.#inFlight === 0) this.#release();
    }
  }

  /**
   * Runs work after this turn, once no urgent work is in flight or ended within the quiet time,
   * after the longest wait, or as soon as {@link hurry} names its `key`.
   */
  async background<T>(key: string, work: () => Promise<T>): Promise<T> {
    const deadline = performance.now() + this.maxWaitMs;
    let hurried = false;
    this.#byKey.set(key, () => void (hurried = true));
    try {
      await new Promise((resolve) => setImmediate(resolve));
      for (;;) {
        const now = performance.now();
        const left = deadline - now;
        const quietIn = this.#lastUrgentEnd + this.quietMs - now;
        if (hurried || left <= 0 || (this.#inFlight === 0 && quietIn <= 0)) break;
        // In flight: woken when the last urgent work ends; else when the quiet time is over.
        const wait = this.#inFlight > 0 ? left : Math.min(left, quietIn);
        await new Promise<void>((resolve) => {
          const wake = (): void => {
            clearTimeout(timer);
            this.#waiting.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, wait);
          this.#waiting.add(wake);
          this.#byKey.set(key, () => {
            hurried = true;
            wake();
          });
        });
      }
    } finally {
      this.#byKey.delete(key);
    }
    return work();
  }

  /** Lets the background work of `key` go now (an input of its position is waiting behind it). */
  hurry(key: string): void {
    this.#byKey.get(key)?.();
  }

  #release(): void {
    for (const wake of [...this.#waiting]) wake();
  }
}
