import type { Logger } from '@hoga/telemetry';

/**
 * Runs a task every `intervalMs` (measured from the end of the previous run) until stopped;
 * `wake()` starts the next run at once. A failing run is logged and the loop carries on.
 */
export class Periodic {
  #stop: AbortController | undefined;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #woken = false;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly task: () => Promise<void>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.#loop) return;
    this.#stop = new AbortController();
    this.#loop = this.#run(this.#stop.signal);
  }

  /** Runs the task as soon as the current run (if any) ends. */
  wake(): void {
    this.#woken = true;
    this.#wake?.();
  }

  /** Stops; resolves once the run in flight has ended. */
  async stop(): Promise<void> {
    this.#stop?.abort();
    this.#wake?.();
    await this.#loop;
    this.#loop = undefined;
  }

  async #run(stopped: AbortSignal): Promise<void> {
    while (!stopped.aborted) {
      this.#woken = false;
      try {
        await this.task();
      } catch (error) {
        this.logger.warn(`${this.name} failed`, { error });
      }
      if (this.#woken || stopped.aborted) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.intervalMs);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }
}
