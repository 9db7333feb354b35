import type { Clock } from '../http/clock.js';

/** A clock that only moves when told: sleeps resolve as `advance` passes their due time. */
export class ManualClock implements Clock {
  private sleepers: { due: number; resolve: () => void }[] = [];

  constructor(private time = 1_700_000_000_000) {}

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) =>
      this.sleepers.push({ due: this.time + Math.max(0, ms), resolve }),
    );
  }

  /** Sleepers waiting now. */
  get pending(): number {
    return this.sleepers.length;
  }

  /** Moves time forward, waking sleepers in due order and letting promise chains run. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await settle();
      this.sleepers.sort((a, b) => a.due - b.due);
      const next = this.sleepers[0];
      if (next === undefined || next.due > target) break;
      this.sleepers.shift();
      this.time = Math.max(this.time, next.due);
      next.resolve();
    }
    this.time = target;
    await settle();
  }
}

/** Lets pending promise callbacks and immediates run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}
