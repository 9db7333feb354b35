import type {
  AppendOptions,
  AppendResult,
  Checkpoint,
  EventStore,
  NewEvent,
  OutboxMessage,
  ReadAllOptions,
  ReadAllResult,
  RecordedEvent,
  Snapshot,
  StreamAppend,
  SubscribeOptions,
  Subscription,
} from '../event-store.port.js';
import {
  assertPositiveInteger,
  assertValidAppend,
  assertValidAppendEach,
  expectedVersionCode,
  hasRepeatedId,
} from '../input-checks.js';
import { VersionConflictError } from '../errors/version-conflict.error.js';
import { DuplicateOutboxIdError } from '../errors/duplicate-outbox-id.error.js';
import { CatchUpSubscriptions } from '../subscription/catch-up-subscriptions.js';
import { firstAfter, toJson, toOutboxMessage, toRecordedEvent } from './stored-rows.js';
import type { StoredEvent, StoredOutboxRow } from './stored-rows.js';
import { chainLink, contentHash } from '../hash-chain.js';

/**
 * The event store in process memory, for unit tests and tools: the same observable behaviour
 * as the PostgreSQL store (versions, conflicts, commit-order reads, outbox, snapshots), nothing
 * durable. Each append is one transaction with its own, increasing transaction id.
 */
export class InMemoryEventStore implements EventStore {
  readonly #streams = new Map<string, StoredEvent[]>();
  readonly #all: StoredEvent[] = [];
  /** Insertion order is outbox order. */
  readonly #outbox = new Map<string, StoredOutboxRow>();
  readonly #snapshots = new Map<
    string,
    { readonly streamVersion: number; readonly schemaVersion: number; readonly state: string }
  >();
  readonly #subscriptions = new CatchUpSubscriptions((options) => this.readAll(options));
  #lastTransactionId = 0n;
  #lastGlobalPosition = 0n;

  async append(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    assertValidAppend(streamId, events, options);
    const stream = this.#streams.get(streamId) ?? [];
    const expected = options.expectedVersion;
    if (expected !== 'any' && expectedVersionCode(expected) !== stream.length)
      throw new VersionConflictError(streamId, expected, stream.length);
    const outbox = options.outbox ?? [];
    const outboxIds = outbox.map((m) => m.id);
    if (hasRepeatedId(outboxIds) || outboxIds.some((id) => this.#outbox.has(id)))
      throw new DuplicateOutboxIdError(streamId, outboxIds);

    // Encode everything before changing anything, so a failure leaves the store untouched.
    const transactionId = this.#lastTransactionId + 1n;
    const recordedAt = new Date();
    let head = stream.at(-1)?.hash ?? null;
    const stored = events.map((event, i): StoredEvent => {
      const data = toJson(event.data);
      const metadata = toJson(event.metadata);
      // Hashed from the JSON as kept, as the PostgreSQL store hashes what it sends.
      head = chainLink(
        head,
        contentHash({
          streamId,
          type: event.type,
          data: JSON.parse(data) as unknown,
          metadata: JSON.parse(metadata) as unknown,
        }),
      );
      return {
        streamId,
        streamVersion: stream.length + i + 1,
        globalPosition: this.#lastGlobalPosition + BigInt(i + 1),
        transactionId,
        type: event.type,
        data,
        metadata,
        recordedAt,
        hash: head,
      };
    });
    const rows = outbox.map((m): StoredOutboxRow => ({
      id: m.id,
      subject: m.subject,
      payload: toJson(m.payload),
      headers: toJson(m.headers ?? {}),
      createdAt: recordedAt,
      sentAt: null,
      attempts: 0,
      lastError: null,
    }));

    this.#lastTransactionId = transactionId;
    this.#lastGlobalPosition += BigInt(stored.length);
    this.#streams.set(streamId, [...stream, ...stored]);
    this.#all.push(...stored);
    for (const row of rows) this.#outbox.set(row.id, row);
    this.#subscriptions.appends.notify();
    return {
      nextVersion: stream.length + stored.length,
      lastGlobalPosition: this.#lastGlobalPosition,
    };
  }

  /** Item by item, each its own transaction; the outbox ids are checked first, so a duplicate writes nothing. */
  async appendEach(
    appends: readonly StreamAppend[],
  ): Promise<readonly (AppendResult | VersionConflictError)[]> {
    assertValidAppendEach(appends);
    for (const a of appends) {
      const own = (a.outbox ?? []).map((m) => m.id);
      if (own.some((id) => this.#outbox.has(id))) throw new DuplicateOutboxIdError(a.streamId, own);
    }
    const results: (AppendResult | VersionConflictError)[] = [];
    for (const a of appends) {
      try {
        results.push(
          await this.append(a.streamId, [a.event], {
            expectedVersion: a.expectedVersion,
            ...(a.outbox === undefined ? {} : { outbox: a.outbox }),
          }),
        );
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        results.push(error);
      }
    }
    return results;
  }

  async readStream(streamId: string, fromVersion = 1): Promise<RecordedEvent[]> {
    assertPositiveInteger('readStream fromVersion', fromVersion);
    return (this.#streams.get(streamId) ?? []).slice(fromVersion - 1).map(toRecordedEvent);
  }

  async streamVersion(streamId: string): Promise<number> {
    return this.#streams.get(streamId)?.length ?? 0;
  }

  async readAll(options: ReadAllOptions): Promise<ReadAllResult> {
    assertPositiveInteger('readAll limit', options.limit);
    const from = firstAfter(this.#all, options.after);
    const events = this.#all.slice(from, from + options.limit).map(toRecordedEvent);
    const last = events.at(-1);
    return {
      events,
      checkpoint: last
        ? { transactionId: last.transactionId, globalPosition: last.globalPosition }
        : options.after,
    };
  }

  subscribe(
    from: Checkpoint,
    handler: (event: RecordedEvent) => Promise<void>,
    options?: SubscribeOptions,
  ): Subscription {
    return this.#subscriptions.start(from, handler, options);
  }

  async pendingOutbox(limit: number): Promise<OutboxMessage[]> {
    assertPositiveInteger('pendingOutbox limit', limit);
    const pending: OutboxMessage[] = [];
    for (const row of this.#outbox.values()) {
      if (pending.length === limit) break;
      if (row.sentAt === null) pending.push(toOutboxMessage(row));
    }
    return pending;
  }

  async markOutboxSent(ids: readonly string[]): Promise<void> {
    const now = new Date();
    for (const id of ids) {
      const row = this.#outbox.get(id);
      if (row && row.sentAt === null) row.sentAt = now;
    }
  }

  async recordOutboxFailure(id: string, error: string): Promise<void> {
    const row = this.#outbox.get(id);
    if (!row) return;
    row.attempts += 1;
    row.lastError = error;
  }

  async saveSnapshot(snapshot: Snapshot): Promise<void> {
    const current = this.#snapshots.get(snapshot.streamId);
    if (
      current &&
      current.schemaVersion === snapshot.schemaVersion &&
      current.streamVersion > snapshot.streamVersion
    )
      return;
    this.#snapshots.set(snapshot.streamId, {
      streamVersion: snapshot.streamVersion,
      schemaVersion: snapshot.schemaVersion,
      state: toJson(snapshot.state),
    });
  }

  async loadSnapshot(streamId: string): Promise<Snapshot | undefined> {
    const stored = this.#snapshots.get(streamId);
    return (
      stored && {
        streamId,
        streamVersion: stored.streamVersion,
        schemaVersion: stored.schemaVersion,
        state: JSON.parse(stored.state) as unknown,
      }
    );
  }

  async close(): Promise<void> {
    await this.#subscriptions.stopAll();
  }
}
