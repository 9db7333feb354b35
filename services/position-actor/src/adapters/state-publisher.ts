import { performance } from 'node:perf_hooks';
import type { Bus } from '@hoga/bus';
import { subjects, wrap } from '@hoga/contracts';
import type { Decimal, PositionId } from '@hoga/model';
import { positionStateData, type LivePosition, type PositionStateData } from '@hoga/position';

/** The published view of a live position (null before it opened). */
export function stateOf(live: LivePosition, feeRate: Decimal): PositionStateData | null {
  if (live.snapshot.status === 'unopened') return null;
  return positionStateData(
    live.snapshot,
    { lastPrice: live.watch.last, peakPrice: live.watch.peak, levels: live.watch.levels },
    feeRate,
  );
}

/**
 * How often price-only states are flushed (ms), and how much one turn of the loop publishes: at
 * most {@link STATE_FLUSH_SLICE} states and, after the first, only while the turn has used less
 * than {@link STATE_FLUSH_TURN_MS} (a state costs ~50 µs: encoded, checked, handed over).
 */
export const STATE_FLUSH_MS = 100;
export const STATE_FLUSH_SLICE = 16;
export const STATE_FLUSH_TURN_MS = 0.2;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Publishes `hoga.position.state.<id>` (core, latest value): at once after a change (events
 * stored), and after ticks at most once per `throttleMs` per position (a price move alone
 * changes only the marks). A tick only marks its position due: the marks are published by a
 * flush every {@link STATE_FLUSH_MS}, a slice of ~0.2 ms per turn of the event loop, so a tick's
 * turn decides (exits, a breach's halt) without encoding the states of every position it reached
 * (200 positions of one market: ~5 ms of the loop on the liquidation path, measured), and an
 * order published meanwhile is handed over after one slice, not after the whole flush.
 */
export class StatePublisher {
  readonly #lastAt = new Map<PositionId, number>();
  /** Positions whose marks moved since their last publish: the latest live state of each. */
  readonly #due = new Map<PositionId, LivePosition>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> | undefined;
  #stopped = false;
  #sequence = 0;

  constructor(
    private readonly bus: Bus,
    private readonly feeRate: Decimal,
    private readonly throttleMs: number,
    private readonly now: () => Date,
    private readonly onError: (error: unknown) => void = () => undefined,
    /** A monotonic clock in ms for the flush's turns (tests drive it). */
    private readonly turnClock: () => number = () => performance.now(),
  ) {}

  /** Publishes now (after events were stored). */
  async changed(positionId: PositionId, live: LivePosition): Promise<void> {
    this.#due.delete(positionId);
    await this.#publish(positionId, live);
  }

  /** A tick moved the position's marks: published by the next flush once its throttle allows. */
  ticked(positionId: PositionId, live: LivePosition): void {
    if (this.#stopped) return;
    this.#due.set(positionId, live);
    this.#schedule();
  }

  /** Publishes the due states now, throttle permitting (tests; the timer does it otherwise). */
  async flush(): Promise<void> {
    await this.#flushing;
    await this.#flush();
  }

  /** No more flushes; waits for one in progress. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#due.clear();
    await this.#flushing;
  }

  async #flush(): Promise<void> {
    const at = this.now().getTime();
    let inTurn = 0;
    let turnStart = this.turnClock();
    for (const positionId of [...this.#due.keys()]) {
      // Read again after each yield: a change published meanwhile took the position off.
      const live = this.#due.get(positionId);
      const last = this.#lastAt.get(positionId);
      if (live === undefined || (last !== undefined && at - last < this.throttleMs)) continue;
      this.#due.delete(positionId);
      await this.#publish(positionId, live).catch(this.onError);
      inTurn += 1;
      if (inTurn >= STATE_FLUSH_SLICE || this.turnClock() - turnStart >= STATE_FLUSH_TURN_MS) {
        await nextTurn();
        inTurn = 0;
        turnStart = this.turnClock();
      }
      if (this.#stopped) return;
    }
    // Still due (throttled): flushed again later.
    if (this.#due.size > 0) this.#schedule();
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.#flushing ??= this.#flush().finally(() => (this.#flushing = undefined));
    }, STATE_FLUSH_MS).unref();
  }

  async #publish(positionId: PositionId, live: LivePosition): Promise<void> {
    const data = stateOf(live, this.feeRate);
    if (data === null) return;
    const at = this.now();
    this.#lastAt.set(positionId, at.getTime());
    this.#sequence += 1;
    const message = wrap('PositionState', data, {
      id: `${positionId}:state:${data.version}:${this.#sequence}`,
      occurredAt: at.toISOString(),
      causationId: null,
      correlationId: positionId,
    });
    await this.bus.publish(subjects.positionState(positionId), message);
  }
}
