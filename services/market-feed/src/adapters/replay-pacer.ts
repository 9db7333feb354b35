import type { Clock } from '@hoga/upbit';

/** Frames played between two turns of the event loop at full speed. */
const YIELD_EVERY = 256;

/**
 * Paces a replay: the frame recorded at `at` is released `(at − first recorded time) / speed`
 * after the first frame was, measured on `clock` from the start (so sleeps never accumulate
 * drift). A frame recorded earlier than the previous one is released at once. Speed 0 plays as
 * fast as possible, letting the event loop turn every 256 frames so the process stays responsive.
 */
export class ReplayPacer {
  #anchor: { readonly recorded: number; readonly wall: number } | undefined;
  #sinceYield = 0;

  constructor(
    private readonly speed: number,
    private readonly clock: Clock,
  ) {
    if (!(speed >= 0) || !Number.isFinite(speed))
      throw new RangeError(`replay speed must be a finite number >= 0, got ${speed}`);
  }

  /** Resolves when the frame recorded at `at` (ms) is due. */
  async waitFor(at: number): Promise<void> {
    if (this.speed === 0) {
      if (++this.#sinceYield >= YIELD_EVERY) {
        this.#sinceYield = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      return;
    }
    this.#anchor ??= { recorded: at, wall: this.clock.now() };
    const due = this.#anchor.wall + (at - this.#anchor.recorded) / this.speed;
    const wait = due - this.clock.now();
    if (wait > 0) await this.clock.sleep(wait);
  }
}
