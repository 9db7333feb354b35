/** A sleep that `wake()` ends early; a wake while awake makes the next sleep return at once. */
export class WakeableSleep {
  #pending = false;
  #resolve: (() => void) | undefined;

  /** Sleeps up to `ms`, or until `wake()`. */
  async sleep(ms: number): Promise<void> {
    if (this.#pending) {
      this.#pending = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      this.#resolve = done;
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
    });
    this.#resolve = undefined;
    this.#pending = false;
  }

  /** Ends the current sleep, or the next one if none is running. */
  wake(): void {
    if (this.#resolve) this.#resolve();
    else this.#pending = true;
  }
}
