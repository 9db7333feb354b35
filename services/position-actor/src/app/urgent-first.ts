/** The longest a background append waits for urgent ones before it goes anyway. */
export const BACKGROUND_MAX_WAIT_MS = 250;

/**
 * Appends that move money first: work marked `background` (storing a raised peak, which only
 * remembers a price) starts after the current turn of the event loop — so the decisions the
 * same tick made elsewhere (an exit) are in flight first — and then waits while urgent work is
 * in flight, at most {@link BACKGROUND_MAX_WAIT_MS} (by default), or until its key is hurried (its position
 * has another input waiting behind it). One price jump raises the peak of every position on the
 * market; without this the one exit it triggers queues behind their commits.
 */
export class UrgentFirst {
  constructor(private readonly maxWaitMs: number = BACKGROUND_MAX_WAIT_MS) {}

  #inFlight = 0;
  #waiting = new Set<() => void>();
  readonly #byKey = new Map<string, () => void>();

  /** Runs urgent work at once; background work waits while any is in flight. */
  async urgent<T>(work: () => Promise<T>): Promise<T> {
    this.#inFlight += 1;
    try {
      return await work();
    } finally {
      this.#inFlight -= 1;
      if (this.#inFlight === 0) this.#release();
    }
  }

  /**
   * Runs work after this turn, once no urgent work is in flight, after the longest wait, or as
   * soon as {@link hurry} names its `key`.
   */
  async background<T>(key: string, work: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.maxWaitMs;
    let hurried = false;
    const hurry = (): void => void (hurried = true);
    this.#byKey.set(key, hurry);
    try {
      await new Promise((resolve) => setImmediate(resolve));
      while (this.#inFlight > 0 && !hurried) {
        const left = deadline - Date.now();
        if (left <= 0) break;
        await new Promise<void>((resolve) => {
          const wake = (): void => {
            clearTimeout(timer);
            this.#waiting.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, left);
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
    const waiting = [...this.#waiting];
    for (const wake of waiting) wake();
  }
}
