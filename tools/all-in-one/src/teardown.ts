/** Things to stop, stopped in reverse order of registration; a failure does not stop the rest. */
export class Teardown {
  readonly #steps: { name: string; run: () => Promise<void> | void }[] = [];

  /** Registers a step (run before the steps registered earlier). */
  add(name: string, run: () => Promise<void> | void): void {
    this.#steps.push({ name, run });
  }

  /** Runs every step, last registered first; reports failures to `onError`. */
  async run(onError: (name: string, error: unknown) => void): Promise<void> {
    for (const step of this.#steps.splice(0).reverse()) {
      try {
        await step.run();
      } catch (error) {
        onError(step.name, error);
      }
    }
  }
}
