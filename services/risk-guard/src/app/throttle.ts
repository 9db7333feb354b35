/**
 * Calls `fire` at most once per `intervalMs` (by the injected clock): a request inside the
 * interval is deferred to its end (a trailing call), so the last change always goes out.
 * `now()` fires at once and resets the interval (transitions).
 */
export class Throttle {
  #lastMs = Number.NEGATIVE_INFINITY;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly clock: () => Date,
    private readonly fire: () => void,
  ) {}

  /** Fires now if the interval has passed, else once at its end. */
  request(): void {
    const wait = this.#lastMs + this.intervalMs - this.clock().getTime();
    if (wait <= 0) return this.now();
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.now();
    }, wait);
  }

  /** Fires now. */
  now(): void {
    this.cancel();
    this.#lastMs = this.clock().getTime();
    this.fire();
  }

  /** Drops a deferred call. */
  cancel(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
