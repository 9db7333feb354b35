import { PositionEvent, positionIdOfStream } from '@hoga/contracts';
import {
  checkpointOf,
  decodeStoredEvent,
  type Checkpoint,
  type EventStore,
  type RecordedEvent,
  type Subscription,
} from '@hoga/event-store';
import { decodeWith, type Krw, type PositionId } from '@hoga/model';
import { evolve, realizedPnl, replay, type PositionSnapshot } from '@hoga/position';
import type { Logger } from '@hoga/telemetry';

/** Told a position's realized PnL at arming and now, as its stored events say. */
export type OnRealized = (positionId: PositionId, atArming: Krw, now: Krw) => void;

/** Where the guard learns each position's realized PnL at arming (the event store). */
export interface BaselineSource {
  /** Follows the positions' events committed after the arming event at `armedAt`. */
  follow(armedAt: Checkpoint, onRealized: OnRealized): Promise<void>;
  /** Stops following. */
  stop(): Promise<void>;
}

/** How long to wait before reading again after a failed read (ms). */
const RETRY_MS = 1000;

const decodeStored = (row: RecordedEvent): PositionEvent =>
  decodeStoredEvent((u) => decodeWith(PositionEvent, u), row);

/**
 * Reads the positions' realized PnL since arming from the event store: a catch-up subscription
 * from the arming event. The first event of a position after it marks the position as touched
 * since arming; the fold of its events before that one (the domain's `replay`) gives the realized
 * PnL it had at arming, and each later event is folded in (`evolve`) for the realized PnL now.
 * Positions never touched since arming have realized nothing since. So realized PnL settled while
 * risk-guard was stopped, even by a position that closed meanwhile and never publishes a state
 * again, counts against the limit after a restart, exactly, once the store has been read.
 */
export class StoreBaselines implements BaselineSource {
  #subscription: Subscription | undefined;
  #generation = 0;

  constructor(
    private readonly store: EventStore,
    private readonly logger: Logger,
    private readonly pollMs = 200,
  ) {}

  async follow(armedAt: Checkpoint, onRealized: OnRealized): Promise<void> {
    await this.stop();
    const generation = this.#generation;
    const touched = new Map<PositionId, { atArming: Krw; folded: PositionSnapshot }>();
    const start = (from: Checkpoint): void => {
      let at = from;
      const subscription = this.store.subscribe(
        from,
        async (event) => {
          const positionId = positionIdOfStream(event.streamId);
          if (positionId !== null) {
            const seen = touched.get(positionId);
            const known = seen ?? (await this.#before(event));
            const folded = evolve(known.folded, decodeStored(event));
            const now = realizedPnl(folded.context);
            touched.set(positionId, { atArming: known.atArming, folded });
            if (seen === undefined || !now.eq(realizedPnl(known.folded.context)))
              onRealized(positionId, known.atArming, now);
          }
          at = checkpointOf(event);
        },
        { batchSize: 500, pollMs: this.pollMs },
      );
      this.#subscription = subscription;
      subscription.done.catch((error: unknown) => {
        if (generation !== this.#generation) return;
        this.logger.error('realized PnL baselines: reading the event store failed, retrying', {
          error,
        });
        setTimeout(() => {
          if (generation === this.#generation) start(at);
        }, RETRY_MS).unref();
      });
    };
    start(armedAt);
  }

  async stop(): Promise<void> {
    this.#generation += 1;
    const subscription = this.#subscription;
    this.#subscription = undefined;
    await subscription?.unsubscribe();
  }

  /** The event's position folded from its events before this one: its state at arming. */
  async #before(event: RecordedEvent): Promise<{ atArming: Krw; folded: PositionSnapshot }> {
    const rows = event.streamVersion > 1 ? await this.store.readStream(event.streamId) : [];
    const folded = replay(
      rows.filter((r) => r.streamVersion < event.streamVersion).map(decodeStored),
    );
    return { atArming: realizedPnl(folded.context), folded };
  }
}
