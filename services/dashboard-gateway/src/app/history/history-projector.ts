import { eventStreams, positionIdOfStream } from '@hoga/contracts';
import {
  checkpointOf,
  storedEnvelope,
  type Checkpoint,
  type EventStore,
  type RecordedEvent,
  type StoredEnvelope,
  type Subscription,
} from '@hoga/event-store';
import type { PositionId } from '@hoga/model';
import type { Logger } from '@hoga/telemetry';
import { TIMELINE_CHANNEL } from '../live/live-channels.js';
import type { LivePublisher } from '../live/live-publisher.port.js';
import type { HistoryBatch, HistoryReadModel } from './history-read-model.js';
import {
  EMPTY_FOLD,
  encodedStateOf,
  foldEvent,
  foldEvents,
  investedKrwOf,
  summaryOf,
  type EncodedPositionState,
  type PositionFold,
} from './position-fold.js';
import { positionEventOf, readPositionEvents, riskEventOf } from './stored-events.js';
import { positionTimelineEntry, riskTimelineEntry, type TimelineEntry } from './timeline-entry.js';

/** A catch-up that folded this many events refreshes the tables' statistics. */
const ANALYZE_AFTER = 10_000;

/** What `position/<id>` carries for each stored event (key: its stream version). */
export interface PositionEventDelta {
  /** The event as stored (its envelope fields and encoded data). */
  readonly event: StoredEnvelope;
  readonly stateAfter: EncodedPositionState;
  /** What the entry has cost after the event (entry funds + fees; a closed one's principal). */
  readonly investedKrwAfter: string;
}

/** The channel of one position's stored events. */
export const positionChannel = (positionId: string): string => `position/${positionId}`;

export interface HistoryProjectorOptions {
  /** Events read per catch-up page (one transaction each). */
  readonly pageSize?: number;
  /** Folds of unfinished positions kept in memory (a miss replays the stream). */
  readonly cacheSize?: number;
}

/** One position event folded: what the batch records and the live channel carries. */
interface Folded {
  readonly positionId: PositionId;
  readonly row: RecordedEvent;
  readonly fold: PositionFold;
}

/**
 * Keeps the history read model up to date: catches up over `readAll` in pages (one
 * transaction each, with the checkpoint), then follows a catch-up subscription from the
 * checkpoint, event by event, publishing each position event on `position/<id>` with the state
 * after it and each new timeline entry on `timeline`. Each position is folded with libs/position's machine; the folds of unfinished
 * positions are cached (bounded), a miss replays the position's stream.
 */
export class HistoryProjector {
  readonly #cache = new Map<string, PositionFold>();
  readonly #pageSize: number;
  readonly #cacheSize: number;
  #subscription: Subscription | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;
  #live = false;
  #failure: unknown = undefined;
  #projected = 0;

  constructor(
    private readonly store: EventStore,
    private readonly model: HistoryReadModel,
    private readonly publisher: LivePublisher,
    private readonly logger: Logger,
    options: HistoryProjectorOptions = {},
  ) {
    this.#pageSize = options.pageSize ?? 2000;
    this.#cacheSize = options.cacheSize ?? 10_000;
  }

  /** Starts catching up in the background, then follows live events. */
  start(): void {
    this.#running = this.#run().catch((error: unknown) => {
      this.#failure = error;
      this.logger.error('history projection stopped', { error });
    });
  }

  /** Where the projection stands (`status` ops, tests). */
  status(): { live: boolean; projected: number; failed: boolean } {
    return { live: this.#live, projected: this.#projected, failed: this.#failure !== undefined };
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#subscription?.unsubscribe();
    await this.#running;
  }

  /** Folds everything stored after the checkpoint, page by page; resolves when caught up. */
  async catchUp(): Promise<void> {
    for (;;) {
      if (this.#stopped) return;
      const page = await this.store.readAll({
        after: await this.model.checkpoint(),
        limit: this.#pageSize,
      });
      if (page.events.length === 0) return;
      const { batch } = await this.#project(page.events, page.checkpoint);
      await this.model.record(batch);
      if (page.events.length < this.#pageSize) return;
    }
  }

  async #run(): Promise<void> {
    const started = Date.now();
    await this.catchUp();
    if (this.#stopped) return;
    if (this.#projected >= ANALYZE_AFTER) await this.model.analyze();
    this.logger.info('history projection caught up', {
      events: this.#projected,
      ms: Date.now() - started,
    });
    const subscription = this.store.subscribe(
      await this.model.checkpoint(),
      async (event) => {
        const { batch, folded } = await this.#project([event], checkpointOf(event));
        await this.model.record(batch);
        for (const f of folded)
          this.publisher.publish(positionChannel(f.positionId), String(f.row.streamVersion), {
            event: storedEnvelope(f.row),
            stateAfter: encodedStateOf(f.fold.snapshot),
            investedKrwAfter: investedKrwOf(f.fold.snapshot),
          } satisfies PositionEventDelta);
        // the day's timeline follows without a reload (as `/api/timeline` will list it)
        for (const entry of batch.timeline)
          this.publisher.publish(TIMELINE_CHANNEL, entry.eventId, entry);
      },
      {
        onReadError: (error) => this.logger.warn('history subscription read failed', { error }),
      },
    );
    this.#subscription = subscription;
    if (this.#stopped) await subscription.unsubscribe();
    else this.#live = true;
    await subscription.done;
  }

  async #project(
    events: readonly RecordedEvent[],
    checkpoint: Checkpoint,
  ): Promise<{ batch: HistoryBatch; folded: Folded[] }> {
    const folds = new Map<PositionId, PositionFold>();
    const timeline: TimelineEntry[] = [];
    const folded: Folded[] = [];
    for (const row of events) {
      const stored = { streamId: row.streamId, version: row.streamVersion };
      const positionId = positionIdOfStream(row.streamId);
      if (positionId !== null) {
        const before = folds.get(positionId) ?? (await this.#foldBefore(positionId, row));
        if (before === undefined) continue;
        const event = positionEventOf(row);
        const fold = foldEvent(before, event);
        folds.set(positionId, fold);
        folded.push({ positionId, row, fold });
        const market = fold.snapshot.context.info?.market ?? null;
        const entry = positionTimelineEntry(event, row.data, market, positionId, stored);
        if (entry !== null) timeline.push(entry);
      } else if (row.streamId === eventStreams.risk) {
        timeline.push(riskTimelineEntry(riskEventOf(row), row.data, stored));
      }
    }
    for (const [positionId, fold] of folds) this.#remember(positionId, fold);
    this.#projected += events.length;
    const positions = [...folds.values()].map(summaryOf);
    return { batch: { positions, timeline, checkpoint }, folded };
  }

  /** The fold just before `row` (undefined: that version is already folded). */
  async #foldBefore(positionId: PositionId, row: RecordedEvent): Promise<PositionFold | undefined> {
    const version = row.streamVersion;
    const cached = this.#cache.get(positionId);
    if (cached !== undefined) {
      if (cached.snapshot.version === version - 1) return cached;
      if (cached.snapshot.version >= version) return undefined;
    }
    if (version === 1) return EMPTY_FOLD;
    const stored = await readPositionEvents(this.store, positionId);
    return foldEvents(stored.filter((s) => s.row.streamVersion < version).map((s) => s.event));
  }

  #remember(positionId: string, fold: PositionFold): void {
    this.#cache.delete(positionId);
    if (fold.snapshot.status === 'closed') return;
    this.#cache.set(positionId, fold);
    if (this.#cache.size > this.#cacheSize) {
      const oldest = this.#cache.keys().next();
      if (oldest.done !== true) this.#cache.delete(oldest.value);
    }
  }
}
