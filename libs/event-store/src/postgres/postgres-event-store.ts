import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
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
  hasRepeatedId,
} from '../input-checks.js';
import type { VersionConflictError } from '../errors/version-conflict.error.js';
import { DuplicateOutboxIdError } from '../errors/duplicate-outbox-id.error.js';
import { CatchUpSubscriptions } from '../subscription/catch-up-subscriptions.js';
import type { EventStoreTables } from './tables.js';
import { migrate } from './migrations.js';
import { eventStorePool } from './event-store-pool.js';
import { appendEachToStreams, appendToStream } from './append.query.js';
import { readStreamEvents, readStreamVersion } from './read-stream.query.js';
import { readAllEvents } from './read-all.query.js';
import { selectPendingOutbox, updateOutboxFailure, updateOutboxSent } from './outbox.queries.js';
import { selectSnapshot, upsertSnapshot } from './snapshot.queries.js';

export interface PostgresEventStoreOptions {
  /** Told about errors of idle pooled connections (the pool drops them and reconnects). */
  readonly onPoolError?: (error: Error) => void;
}

/**
 * The event store on PostgreSQL (Kysely + pg). Give it pool settings (it owns the pool and
 * `close()` ends it), a pg pool you own, or a Kysely instance you own. From pool settings or a
 * pool its queries run as prepared statements (parsed and planned once per connection); through
 * a Kysely instance they run as that instance runs them. Its tables live in the connection's
 * `search_path` schema; run `migrate()` once before use.
 */
export class PostgresEventStore implements EventStore {
  /** The Kysely instance the store queries through. */
  readonly db: Kysely<EventStoreTables>;
  readonly #ownsDb: boolean;
  readonly #subscriptions = new CatchUpSubscriptions((options) => this.readAll(options));

  constructor(
    source: pg.PoolConfig | pg.Pool | Kysely<EventStoreTables>,
    options: PostgresEventStoreOptions = {},
  ) {
    if (source instanceof Kysely) {
      this.db = source;
      this.#ownsDb = false;
      return;
    }
    const owned = !(source instanceof pg.Pool);
    const pool = source instanceof pg.Pool ? source : new pg.Pool(source);
    if (owned) pool.on('error', (error) => options.onPoolError?.(error));
    const prepared = eventStorePool(pool);
    this.db = new Kysely<EventStoreTables>({
      dialect: new PostgresDialect({
        pool: owned ? prepared : { ...prepared, end: async () => undefined },
      }),
    });
    this.#ownsDb = true;
  }

  /** Creates or updates the store's tables (idempotent). */
  async migrate(): Promise<void> {
    await migrate(this.db);
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    assertValidAppend(streamId, events, options);
    const outboxIds = (options.outbox ?? []).map((m) => m.id);
    if (hasRepeatedId(outboxIds)) throw new DuplicateOutboxIdError(streamId, outboxIds);
    const result = await appendToStream(this.db, streamId, events, options);
    this.#subscriptions.appends.notify();
    return result;
  }

  async appendEach(
    appends: readonly StreamAppend[],
  ): Promise<readonly (AppendResult | VersionConflictError)[]> {
    assertValidAppendEach(appends);
    if (appends.length === 0) return [];
    const results = await appendEachToStreams(this.db, appends);
    this.#subscriptions.appends.notify();
    return results;
  }

  async readStream(streamId: string, fromVersion = 1): Promise<RecordedEvent[]> {
    assertPositiveInteger('readStream fromVersion', fromVersion);
    return readStreamEvents(this.db, streamId, fromVersion);
  }

  async streamVersion(streamId: string): Promise<number> {
    return readStreamVersion(this.db, streamId);
  }

  async readAll(options: ReadAllOptions): Promise<ReadAllResult> {
    assertPositiveInteger('readAll limit', options.limit);
    return readAllEvents(this.db, options);
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
    return selectPendingOutbox(this.db, limit);
  }

  async markOutboxSent(ids: readonly string[]): Promise<void> {
    await updateOutboxSent(this.db, ids);
  }

  async recordOutboxFailure(id: string, error: string): Promise<void> {
    await updateOutboxFailure(this.db, id, error);
  }

  async saveSnapshot(snapshot: Snapshot): Promise<void> {
    await upsertSnapshot(this.db, snapshot);
  }

  async loadSnapshot(streamId: string): Promise<Snapshot | undefined> {
    return selectSnapshot(this.db, streamId);
  }

  async close(): Promise<void> {
    await this.#subscriptions.stopAll();
    if (this.#ownsDb) await this.db.destroy();
  }
}
