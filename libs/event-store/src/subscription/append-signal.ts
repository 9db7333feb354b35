/**
 * Wakes readers waiting for new events when an append commits in this process, so a local
 * subscription does not wait a whole poll interval. Appends by other processes are found by polling.
 */
export class AppendSignal {
  #generation = 0;
  readonly #waiters = new Set<() => void>();

  /** Counts the appends signalled so far; pass it to `wait` to not miss one in between. */
  get generation(): number {
    return this.#generation;
  }

  /** Signals a committed append. */
  notify(): void {
    this.#generation += 1;
    for (const wake of [...this.#waiters]) wake();
  }

  /** Resolves after `ms`, on an append signalled after generation `since`, or when `signal` aborts. */
  wait(ms: number, since: number, signal: AbortSignal): Promise<void> {
    if (this.#generation !== since || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(wake);
        signal.removeEventListener('abort', wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.#waiters.add(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
  }
}

/** Resolves after `ms` or as soon as `signal` aborts. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const wake = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    signal.addEventListener('abort', wake, { once: true });
  });
}
