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
 * Publishes `hoga.position.state.<id>` (core, latest value): at once after a change, and on
 * ticks at most once per `throttleMs` per position (a price move alone changes only the marks).
 */
export class StatePublisher {
  readonly #lastAt = new Map<PositionId, number>();
  #sequence = 0;

  constructor(
    private readonly bus: Bus,
    private readonly feeRate: Decimal,
    private readonly throttleMs: number,
    private readonly now: () => Date,
  ) {}

  /** Publishes now (after events were stored). */
  async changed(positionId: PositionId, live: LivePosition): Promise<void> {
    await this.#publish(positionId, live);
  }

  /**
   * Publishes unless this position was published less than `throttleMs` ago (then returns
   * `undefined` at once: a throttled tick allocates no promise).
   */
  ticked(positionId: PositionId, live: LivePosition): Promise<void> | undefined {
    const last = this.#lastAt.get(positionId);
    if (last !== undefined && this.now().getTime() - last < this.throttleMs) return undefined;
    return this.#publish(positionId, live);
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
