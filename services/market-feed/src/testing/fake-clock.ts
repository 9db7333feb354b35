import type { Clock } from '@hoga/upbit';

/** A clock that moves only when slept on or told to; records every sleep. */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(private current = Date.UTC(2026, 0, 5)) {}
  now(): number {
    return this.current;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.current += ms;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/** The system clock shifted by `skewMs`, which a test may change (time travel for timers). */
export class SkewedClock implements Clock {
  constructor(public skewMs = 0) {}
  now(): number {
    return Date.now() + this.skewMs;
  }
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
  }
}
