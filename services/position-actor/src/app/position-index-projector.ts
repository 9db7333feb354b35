import { positionIdOfStream } from '@hoga/contracts';
import {
  checkpointOf,
  type EventStore,
  type RecordedEvent,
  type Subscription,
} from '@hoga/event-store';
import type { PositionId } from '@hoga/model';
import type { Logger } from '@hoga/telemetry';
import { indexRowsOf } from '../adapters/position-index/index-rows.js';
import type { PositionIndex } from '../adapters/position-index/position-index.port.js';

const PAGE = 5000;

/** How long live events may wait before they are written to the index (one transaction). */
export const INDEX_FLUSH_MS = 50;

/**
 * Keeps `position_index` up to date: `catchUp()` folds every event after the checkpoint in
 * pages (one transaction per page), then a catch-up subscription of the event store takes live
 * events, reports each `PositionOpened` at once (so the owner of its partition can host a
 * position opened by the previous owner just before a hand-over) and writes them in batches:
 * one transaction per {@link INDEX_FLUSH_MS} (or per {@link PAGE} events), not four round trips
 * and a disk flush per event. The index is a projection: what a crash loses of a batch (its
 * checkpoint with it) the next `catchUp()` folds again; a clean stop writes what is pending.
 */
export class PositionIndexProjector {
  #subscription: Subscription | undefined;
  #pending: RecordedEvent[] = [];
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly index: PositionIndex,
    private readonly partitionCount: number,
    private readonly logger: Logger,
  ) {}

  /** Folds everything committed after the checkpoint; resolves when caught up. */
  async catchUp(): Promise<void> {
    for (;;) {
      const page = await this.store.readAll({ after: await this.index.checkpoint(), limit: PAGE });
      if (page.events.length === 0) return;
      await this.index.record(indexRowsOf(page.events, this.partitionCount), page.checkpoint);
      if (page.events.length < PAGE) return;
    }
  }

  /** Starts the live subscription from the checkpoint. */
  async start(opened: (positionId: PositionId) => void): Promise<void> {
    const subscription = this.store.subscribe(await this.index.checkpoint(), async (event) => {
      this.#pending.push(event);
      if (event.type === 'PositionOpened') {
        const positionId = positionIdOfStream(event.streamId);
        if (positionId !== null) opened(positionId);
      }
      if (this.#pending.length >= PAGE) await this.flush();
      else this.#timer ??= setTimeout(() => void this.flush(), INDEX_FLUSH_MS);
    });
    subscription.done.catch((error: unknown) =>
      this.logger.error('position index subscription stopped', { error }),
    );
    this.#subscription = subscription;
  }

  /**
   * Writes the live events taken so far (one transaction; writes run one at a time, in order).
   * A failed write keeps its events for the next one.
   */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#pending;
    const last = batch.at(-1);
    if (last === undefined) return this.#writing;
    this.#pending = [];
    this.#writing = this.#writing.then(async () => {
      try {
        await this.index.record(indexRowsOf(batch, this.partitionCount), checkpointOf(last));
      } catch (error) {
        this.logger.warn('position index not written: retried with the next batch', { error });
        this.#pending = [...batch, ...this.#pending];
        this.#timer ??= setTimeout(() => void this.flush(), INDEX_FLUSH_MS * 20);
      }
    });
    return this.#writing;
  }

  /** Stops the subscription and writes what it had taken. */
  async stop(): Promise<void> {
    await this.#subscription?.unsubscribe();
    await this.flush();
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
