/** Runs tasks one at a time, in order: the single writer of the `risk` stream in this process. */
export class Serial {
  #tail: Promise<unknown> = Promise.resolve();

  /** Queues `task`; resolves or rejects with its outcome (a failure does not stop the queue). */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task, task);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once everything queued so far has run. */
  async idle(): Promise<void> {
    await this.#tail;
  }
}
