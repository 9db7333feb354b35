/**
 * Marks published outbox rows sent behind the relay's back: one statement at a time, and ids
 * that arrive while one runs go into the next, so a burst of publishes costs a few round trips
 * and no publish waits for the mark of the one before it.
 */
export class SentMarks {
  #waiting: string[] = [];
  #running: Promise<void> | undefined;

  constructor(
    private readonly mark: (ids: readonly string[]) => Promise<void>,
    /** Told about a failed mark: those rows stay pending, and a pass publishes them again. */
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Queues ids to mark sent; the write starts at once unless one is running. */
  add(ids: readonly string[]): void {
    if (ids.length === 0) return;
    for (const id of ids) this.#waiting.push(id);
    this.#running ??= this.#drain();
  }

  /** Resolves once every id added so far is written, or its write has failed. */
  settled(): Promise<void> {
    return this.#running ?? Promise.resolve();
  }

  async #drain(): Promise<void> {
    try {
      while (this.#waiting.length > 0) {
        const ids = this.#waiting;
        this.#waiting = [];
        try {
          await this.mark(ids);
        } catch (error) {
          this.onError(error);
        }
      }
    } finally {
      this.#running = undefined;
    }
  }
}
