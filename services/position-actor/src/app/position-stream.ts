import type { PositionEvent } from '@hoga/contracts';
import type { EventStore, NewOutboxMessage, RecordedEvent } from '@hoga/event-store';
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

/**
 * A position's stream in the event store: load (latest snapshot + the events after it) and
 * append (events + outbox rows in one transaction, with the expected version), saving a
 * snapshot every `snapshotEvery` versions. A snapshot is a cache (ADR 0064): used only when its
 * schema is this code's (format + machine table hash) and the event it was taken at is still
 * the stream's event at that version; otherwise the stream is replayed from its start and,
 * like any load that replayed `snapshotEvery` events or more, leaves a new snapshot. An append
 * of a raised peak alone waits while appends that move a position are in flight
 * ({@link UrgentFirst}): the exit a price jump triggers commits before the peaks it raised; an
 * input of the same position arriving meanwhile ({@link hurry}) ends that wait.
 */
export class PositionStream {
  readonly #order: UrgentFirst;

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
    const work = () => this.#append(positionId, before, events, after);
    return remembersPriceOnly(events)
      ? this.#order.background(positionId, work)
      : this.#order.urgent(work);
  }

  async #append(
    positionId: PositionId,
    before: PositionSnapshot,
    events: readonly PositionEvent[],
    after: PositionSnapshot,
  ): Promise<void> {
    const streamId = streamIdOf(positionId);
    // The rows carry the active trace (the append's span): the relay continues it (ADR 0057).
    const headers = traceHeaders();
    const rows = outboxRowsFor(positionId, events, after);
    const outbox =
      headers['traceparent'] === undefined ? rows : rows.map((r) => ({ ...r, headers }));
    const appended = await this.store.append(streamId, events.map(toNewEvent), {
      expectedVersion: before.version,
      outbox,
    });
    this.committed(outbox);
    const crossed =
      Math.floor(after.version / this.snapshotEvery) >
      Math.floor(before.version / this.snapshotEvery);
    if (crossed) await this.#save(streamId, after, appended.lastGlobalPosition);
  }
}
