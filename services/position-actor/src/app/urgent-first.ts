/** The longest a background append waits for urgent ones before it goes anyway. */
export const BACKGROUND_MAX_WAIT_MS = 250;

/**
 * Appends that move money first: work marked `background` (storing a raised peak, which only
 * remembers a price) starts after the current turn of the event loop — so the decisions the
 * same tick made elsewhere (an exit) are in flight first — and then waits while urgent work is
 * in flight, at most {@link BACKGROUND_MAX_WAIT_MS}. One price jump raises the peak of every
 * position on the market; without this the one exit it triggers queues behind their commits.
 */
export class UrgentFirst {
  #inFlight = 0;
  #waiting: (() => void)[] = [];

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

  /** Runs work after this turn, once no urgent work is in flight (or after the longest wait). */
  async background<T>(work: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + BACKGROUND_MAX_WAIT_MS;
    await new Promise((resolve) => setImmediate(resolve));
    while (this.#inFlight > 0) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiting.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return work();
  }

  #release(): void {
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const wake of waiting) wake();
  }
}
