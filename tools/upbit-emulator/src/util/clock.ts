/** Where the emulator reads the time: the system clock, or a test's manual clock. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** The real time. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to: for deterministic tests of rate limits and candles. */
export class ManualClock implements Clock {
  constructor(private current: number = Date.UTC(2026, 0, 5, 0, 0, 0)) {}
  now(): number {
    return this.current;
  }
  /** Moves the clock forward by `ms`. */
  advance(ms: number): void {
    this.current += ms;
  }
  /** Sets the clock to `ms`. */
  set(ms: number): void {
    this.current = ms;
  }
}
