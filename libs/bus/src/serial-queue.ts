/** A task of a {@link SerialQueue}. */
export type Task = () => void | Promise<void>;

/**
 * Runs tasks one at a time, in the order they were pushed, never inside `push` itself (a task
 * starts on a later turn of the event loop). A failing task is reported and the next one runs.
 */
export class SerialQueue {
  #tasks: Task[] = [];
  #head = 0;
  #running = false;
  #idle: Array<() => void> = [];

  constructor(private readonly onError: (error: unknown) => void) {}

  push(task: Task): void {
    this.#tasks.push(task);
    if (!this.#running) {
      this.#running = true;
      setImmediate(() => void this.#run());
    }
  }

  /** Resolves once every task pushed so far (and any pushed meanwhile) has finished. */
  drain(): Promise<void> {
    if (!this.#running) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  async #run(): Promise<void> {
    while (this.#head < this.#tasks.length) {
      const task = this.#tasks[this.#head]!;
      this.#head += 1;
      if (this.#head > 1024 && this.#head * 2 > this.#tasks.length) {
        this.#tasks = this.#tasks.slice(this.#head);
        this.#head = 0;
      }
      try {
        await task();
      } catch (error) {
        this.onError(error);
      }
    }
    this.#tasks = [];
    this.#head = 0;
    this.#running = false;
    for (const resolve of this.#idle.splice(0)) resolve();
  }
}
