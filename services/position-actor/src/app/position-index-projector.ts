import { checkpointOf, type EventStore, type Subscription } from '@hoga/event-store';
import type { PositionId } from '@hoga/model';
import type { Logger } from '@hoga/telemetry';
import { indexRowsOf } from '../adapters/position-index/index-rows.js';
import type { PositionIndex } from '../adapters/position-index/position-index.port.js';

const PAGE = 5000;

/**
 * Keeps `position_index` up to date: `catchUp()` folds every event after the checkpoint in
 * pages (one transaction per page), then a catch-up subscription of the event store folds live
 * events one by one and reports each `PositionOpened` (so the owner of its partition can host
 * a position opened by the previous owner just before a hand-over).
 */
export class PositionIndexProjector {
  #subscription: Subscription | undefined;

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
      const rows = indexRowsOf([event], this.partitionCount);
      await this.index.record(rows, checkpointOf(event));
      if (event.type === 'PositionOpened' && rows[0] !== undefined) opened(rows[0].positionId);
    });
    subscription.done.catch((error: unknown) =>
      this.logger.error('position index subscription stopped', { error }),
    );
    this.#subscription = subscription;
  }

  async stop(): Promise<void> {
    await this.#subscription?.unsubscribe();
  }
}
