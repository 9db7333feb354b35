import type { PositionEvent, PositionEventOf, PositionEventType } from '@hoga/contracts';
import type { PositionId, Price } from '@hoga/model';
import { acceptsEvent } from '../machine/machine-table.js';
import type { PositionSnapshot } from '../machine/position-snapshot.js';
import { evolve } from '../machine/evolve.js';
import type { DecideContext } from './decide-context.js';
import type { Decision } from './decision.js';
import type { LivePosition } from './live-position.js';
import { eventIdFor } from './order-ids.js';
import type { PriceWatch } from './price-watch.js';

/** See {@link Emission.confirmedPrice}. */
export const confirmedPrice = (live: LivePosition): Price | null =>
  live.watch.confirmed ?? live.snapshot.context.lastTradePrice;

/**
 * The events one decision emits, each wrapped in its envelope (id `<positionId>:<version>`,
 * `occurredAt` = now, causation = the input, correlation = the position) and folded into a
 * running snapshot, so later steps of the same decision see the state the earlier ones made.
 */
export class Emission {
  readonly events: PositionEvent[] = [];
  private state: PositionSnapshot;

  constructor(
    private readonly live: LivePosition,
    private readonly causationId: string,
    readonly ctx: DecideContext,
  ) {
    this.state = live.snapshot;
  }

  get snapshot(): PositionSnapshot {
    return this.state;
  }
  /** The decision so far: the events emitted and the snapshot they lead to (already folded). */
  decision(): Decision {
    return { events: this.events, snapshot: this.state };
  }
  get watch(): PriceWatch {
    return this.live.watch;
  }
  /** The best known price now: the last tick, else the last trade. */
  get markPrice(): Price | null {
    return this.live.watch.last ?? this.state.context.lastTradePrice;
  }

  /**
   * The price dust is judged at: the last confirmed tick, else the position's last trade (a price
   * the exchange itself executed at); null when neither is known. Never an unconfirmed tick.
   */
  get confirmedPrice(): Price | null {
    return confirmedPrice(this.live);
  }

  private wrap<T extends PositionEventType>(
    type: T,
    data: PositionEventOf<T>['data'],
  ): PositionEvent {
    const positionId =
      this.state.context.info?.positionId ?? (data as { positionId: PositionId }).positionId;
    return {
      id: eventIdFor(positionId, this.state.version + 1),
      type,
      occurredAt: this.ctx.now,
      causationId: this.causationId,
      correlationId: positionId,
      data,
    } as PositionEvent;
  }

  /** Emits an event the decision knows to be valid (a refusal here is a bug: it throws). */
  emit<T extends PositionEventType>(type: T, data: PositionEventOf<T>['data']): void {
    const event = this.wrap(type, data);
    this.state = evolve(this.state, event);
    this.events.push(event);
  }

  /** Emits an event built from outside facts only if the machine accepts it (else: ignored input). */
  tryEmit<T extends PositionEventType>(type: T, data: PositionEventOf<T>['data']): boolean {
    const event = this.wrap(type, data);
    if (!acceptsEvent(this.state, event)) return false;
    this.state = evolve(this.state, event);
    this.events.push(event);
    return true;
  }
}
