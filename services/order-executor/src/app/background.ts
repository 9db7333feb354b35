import type { Logger } from '@hoga/telemetry';

/**
 * Fire-and-forget work that is still accounted for: failures are logged, and `drain()` waits
 * for whatever is in flight (on stop). A periodic poll covers anything a failed task missed.
 */
export class BackgroundTasks {
  readonly #running = new Set<Promise<void>>();
  #closed = false;

  constructor(private readonly logger: Logger) {}

  /** Starts `work` unless draining; `what` names it in the log if it fails. */
  run(what: string, work: () => Promise<unknown>): void {
    if (this.#closed) return;
    const task = work().then(
      () => undefined,
      (error: unknown) => this.logger.warn(`${what} failed`, { error }),
    );
    this.#running.add(task);
    void task.finally(() => this.#running.delete(task));
  }

  /** Refuses new work and waits for the work in flight. */
  async drain(): Promise<void> {
    this.#closed = true;
    while (this.#running.size > 0) await Promise.all([...this.#running]);
  }
}

/** A wait that `stop` cuts short: resolves false when stopped. */
export function pause(ms: number, stop: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (stop.aborted) return resolve(false);
    const timer = setTimeout(() => {
      stop.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    stop.addEventListener('abort', onAbort, { once: true });
  });
}
