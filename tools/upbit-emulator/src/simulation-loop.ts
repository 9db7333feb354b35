/** Drives the price steps from a timer; can be paused, and does nothing when the period is 0. */
export class SimulationLoop {
  private timer: NodeJS.Timeout | undefined;
  private paused: boolean;

  constructor(
    private readonly periodMs: number,
    private readonly step: () => void,
    startPaused: boolean,
  ) {
    this.paused = startPaused;
  }

  /** True while the timer steps the markets. */
  get running(): boolean {
    return this.timer !== undefined;
  }

  /** Starts the timer unless paused or manual-only. */
  start(): void {
    if (this.paused || this.periodMs <= 0 || this.timer) return;
    this.timer = setInterval(() => this.step(), this.periodMs);
    this.timer.unref();
  }

  /** Stops the timer until `resume`. */
  pause(): void {
    this.paused = true;
    this.stop();
  }

  /** Restarts the timer after `pause`. */
  resume(): void {
    this.paused = false;
    this.start();
  }

  /** Stops the timer (shutdown). */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
