import type { PositionEvent } from '@hoga/contracts';
import {
  VersionConflictError,
  type EventStore,
  type NewOutboxMessage,
  type RecordedEvent,
} from '@hoga/event-store';
import type { PositionId } from '@hoga/model';
import { traceHeaders } from '@hoga/telemetry';
import { INITIAL_SNAPSHOT, replay, type PositionSnapshot } from '@hoga/position';
import { outboxRowsFor } from '../adapters/outbox-rows.js';
import {
  decodeSnapshot,
  encodeSnapshot,
  SNAPSHOT_SCHEMA_VERSION,
} from '../adapters/snapshot-json.js';
import { fromRecordedEvent, streamIdOf, toNewEvent } from '../adapters/stored-position-event.js';
import { remembersPriceOnly } from '../domain/price-memory.js';
import { UrgentFirst } from './urgent-first.js';

/** The most raised peaks stored in one statement; more wait for the next. */
export const MAX_PEAKS_PER_APPEND = 100;

/** The background key of a store of waiting peaks (position ids never take it). */
const RAISED_PEAKS = 'raised-peaks';

/** A raised peak waiting to be stored with the others (`appendEach`). */
interface WaitingPeak {
  readonly positionId: PositionId;
  readonly before: PositionSnapshot;
  readonly events: readonly PositionEvent[];
  readonly after: PositionSnapshot;
  /** The deciding trace's headers, taken when it was decided (ADR 0057). */
  readonly headers: Record<string, string>;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * A position's stream in the event store: load (latest snapshot + the events after it) and
 * append (events + outbox rows in one transaction, with the expected version), saving a
 * snapshot every `snapshotEvery` versions. A snapshot is a cache (ADR 0064): used only when its
 * schema is this code's (format + machine table hash) and the event it was taken at is still
 * the stream's event at that version; otherwise the stream is replayed from its start and,
 * like any load that replayed `snapshotEvery` events or more, leaves a new snapshot. An append
 * of a raised peak alone waits while appends that move a position are in flight
 * ({@link UrgentFirst}): the exit a price jump triggers commits before the peaks it raised; an
 * input of the same position arriving meanwhile ({@link hurry}) ends that wait. The peaks waiting
 * when their turn comes are stored together in one statement (`EventStore.appendEach`, where the
 * store has it; ADR 0068): one price jump raises the peak of every position on its market.
 */
export class PositionStream {
  readonly #order: UrgentFirst;
  /** Raised peaks not yet taken by a store of them. */
  #peaks: WaitingPeak[] = [];
  /** A store of the waiting peaks is queued for the background slot. */
  #peaksQueued = false;

  /**
   * `committed` is told the outbox rows of every append once it has committed (the relay's
   * fast path).
   */
  constructor(
    private readonly store: EventStore,
    private readonly snapshotEvery: number,
    private readonly committed: (rows: readonly NewOutboxMessage[]) => void = () => undefined,
    /** The longest an append of price memory waits for appends that move a position. */
    backgroundMaxWaitMs?: number,
  ) {
    this.#order = new UrgentFirst(backgroundMaxWaitMs);
  }

  /** The position's state from its snapshot and the events after it (initial if none). */
  async load(positionId: PositionId): Promise<PositionSnapshot> {
    const streamId = streamIdOf(positionId);
    const stored = await this.store.loadSnapshot(streamId);
    const cached =
      stored !== undefined && stored.schemaVersion === SNAPSHOT_SCHEMA_VERSION
        ? decodeSnapshot(stored.state)
        : undefined;
    if (cached !== undefined && cached.snapshot.version === stored?.streamVersion) {
      // From the snapshot's own event: it proves the snapshot belongs to this stream's history.
      const rows = await this.store.readStream(streamId, cached.snapshot.version);
      const [at, ...tail] = rows;
      if (
        at?.streamVersion === cached.snapshot.version &&
        at.globalPosition === cached.atGlobalPosition
      )
        return this.#folded(streamId, cached.snapshot, tail);
    }
    return this.#folded(streamId, INITIAL_SNAPSHOT, await this.store.readStream(streamId, 1));
  }

  /** Folds `rows` onto `from`; a long fold leaves a snapshot, so the next load is short. */
  async #folded(
    streamId: string,
    from: PositionSnapshot,
    rows: readonly RecordedEvent[],
  ): Promise<PositionSnapshot> {
    const state = replay(rows.map(fromRecordedEvent), from);
    const last = rows.at(-1);
    if (last !== undefined && rows.length >= this.snapshotEvery)
      await this.#save(streamId, state, last.globalPosition);
    return state;
  }

  #save(streamId: string, state: PositionSnapshot, atGlobalPosition: bigint): Promise<void> {
    return this.store.saveSnapshot({
      streamId,
      streamVersion: state.version,
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      state: encodeSnapshot({ snapshot: state, atGlobalPosition }),
    });
  }

  /** An input of the position waits: its append of price memory, if waiting, goes now. */
  hurry(positionId: PositionId): void {
    this.#order.hurry(positionId);
    const at = this.#peaks.findIndex((p) => p.positionId === positionId);
    if (at < 0) return;
    const [peak] = this.#peaks.splice(at, 1);
    void this.#storeAlone(peak!);
  }

  /** The stream's version (0 when the position never opened). */
  version(positionId: PositionId): Promise<number> {
    return this.store.streamVersion(streamIdOf(positionId));
  }

  /**
   * Appends decided events at `before.version`; rejects with `VersionConflictError` when
   * another writer got there first (nothing written). `after` is the state they lead to.
   */
  append(
    positionId: PositionId,
    before: PositionSnapshot,
    events: readonly PositionEvent[],
    after: PositionSnapshot,
  ): Promise<void> {
    if (remembersPriceOnly(events) && events.length === 1 && this.store.appendEach !== undefined)
      return new Promise<void>((resolve, reject) => {
        // Only the trace is taken now: the rows are made when the peak is stored, off the tick's turn.
        const headers = traceHeaders();
        this.#peaks.push({ positionId, before, events, after, headers, resolve, reject });
        this.#queuePeaks();
      });
    const work = () => this.#append(positionId, before, events, after);
    return remembersPriceOnly(events)
      ? this.#order.background(positionId, work)
      : this.#order.urgent(work);
  }

  /** Queues one store of the waiting peaks for the background slot, unless one is queued. */
  #queuePeaks(): void {
    if (this.#peaksQueued || this.#peaks.length === 0) return;
    this.#peaksQueued = true;
    void this.#order.background(RAISED_PEAKS, () => this.#storePeaks());
  }

  /**
   * Stores the peaks waiting now (up to {@link MAX_PEAKS_PER_APPEND}) in one `appendEach`; each
   * caller hears its own item's result. A failure of the whole statement (not a version
   * conflict, which is an item's own) stores each alone, so each hears what its append says.
   */
  async #storePeaks(): Promise<void> {
    this.#peaksQueued = false;
    const batch = this.#peaks.splice(0, MAX_PEAKS_PER_APPEND);
    this.#queuePeaks();
    if (batch.length === 0) return;
    if (batch.length === 1) return this.#storeAlone(batch[0]!);
    const rows = batch.map((p) => this.#outboxRows(p.positionId, p.events, p.after, p.headers));
    let results;
    try {
      results = await this.store.appendEach!(
        batch.map((p, i) => ({
          streamId: streamIdOf(p.positionId),
          event: toNewEvent(p.events[0]!),
          expectedVersion: p.before.version,
          outbox: rows[i]!,
        })),
      );
    } catch {
      for (const p of batch) await this.#storeAlone(p);
      return;
    }
    // the relay gets the rows of every stored peak in one offer, in item order
    this.committed(rows.flatMap((r, i) => (results[i] instanceof VersionConflictError ? [] : r)));
    for (const [i, p] of batch.entries()) {
      const result = results[i]!;
      if (result instanceof VersionConflictError) p.reject(result);
      else
        await this.#saveIfCrossed(p.positionId, p.before, p.after, result.lastGlobalPosition).then(
          p.resolve,
          p.reject,
        );
    }
  }

  /** One waiting peak stored by itself (hurried, or alone in its turn). */
  #storeAlone(peak: WaitingPeak): Promise<void> {
    const { positionId, before, events, after } = peak;
    const rows = this.#outboxRows(positionId, events, after, peak.headers);
    return this.#write(positionId, before, events, after, rows).then(peak.resolve, peak.reject);
  }

  async #append(
    positionId: PositionId,
    before: PositionSnapshot,
    events: readonly PositionEvent[],
    after: PositionSnapshot,
  ): Promise<void> {
    await this.#write(
      positionId,
      before,
      events,
      after,
      this.#outboxRows(positionId, events, after),
    );
  }

  /**
   * The outbox rows of `events`, carrying the deciding trace (by default the active one): the
   * relay continues it (ADR 0057).
   */
  #outboxRows(
    positionId: PositionId,
    events: readonly PositionEvent[],
    after: PositionSnapshot,
    headers: Record<string, string> = traceHeaders(),
  ): readonly NewOutboxMessage[] {
    const rows = outboxRowsFor(positionId, events, after);
    return headers['traceparent'] === undefined ? rows : rows.map((r) => ({ ...r, headers }));
  }

  async #write(
    positionId: PositionId,
    before: PositionSnapshot,
    events: readonly PositionEvent[],
    after: PositionSnapshot,
    outbox: readonly NewOutboxMessage[],
  ): Promise<void> {
    const appended = await this.store.append(streamIdOf(positionId), events.map(toNewEvent), {
      expectedVersion: before.version,
      outbox,
    });
    this.committed(outbox);
    await this.#saveIfCrossed(positionId, before, after, appended.lastGlobalPosition);
  }

  /** Saves a snapshot when the append crossed a multiple of `snapshotEvery`. */
  async #saveIfCrossed(
    positionId: PositionId,
    before: PositionSnapshot,
    after: PositionSnapshot,
    lastGlobalPosition: bigint,
  ): Promise<void> {
    const crossed =
      Math.floor(after.version / this.snapshotEvery) >
      Math.floor(before.version / this.snapshotEvery);
    if (crossed) await this.#save(streamIdOf(positionId), after, lastGlobalPosition);
  }
}
