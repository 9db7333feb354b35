import type { VersionConflictError } from './errors/version-conflict.error.js';
/** Where a reader of all events stands: the last (transaction id, global position) it has seen. */
export interface Checkpoint {
  readonly transactionId: bigint;
  readonly globalPosition: bigint;
}

/** The checkpoint before the first event. */
export const START: Checkpoint = { transactionId: 0n, globalPosition: 0n };

/** Metadata stored beside an event (envelope fields, trace context, who issued a command). */
export interface EventMetadata {
  readonly eventId: string;
  readonly occurredAt: string;
  readonly causationId: string | null;
  readonly correlationId: string;
  readonly [key: string]: unknown;
}

/** An event to append: data is JSON (already encoded by its codec). */
export interface NewEvent {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

/** An event as stored. Stream versions start at 1 and are gapless. */
export interface RecordedEvent {
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: bigint;
  readonly transactionId: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly recordedAt: Date;
  /**
   * The event's link in its stream's hash chain (`hash-chain.ts`, ADR 0051), lowercase hex;
   * null for an event stored without one (written around the store). Stores always set it;
   * absent only in events built by hand (tests, fixtures).
   */
  readonly hash?: string | null;
}

/** A message to publish after the events commit, written in the same transaction. */
export interface NewOutboxMessage {
  /** The row id, used as the bus dedup id (`Nats-Msg-Id`). Unique across the outbox. */
  readonly id: string;
  readonly subject: string;
  readonly payload: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** An outbox row waiting to be published. */
export interface OutboxMessage extends NewOutboxMessage {
  readonly headers: Readonly<Record<string, string>>;
  readonly createdAt: Date;
  /** Failed publish attempts so far. */
  readonly attempts: number;
  /** The message of the last failed attempt, if any. */
  readonly lastError: string | null;
}

/** A stream's folded state at a version, to bound replay time. */
export interface Snapshot {
  readonly streamId: string;
  readonly streamVersion: number;
  /** The state's schema version: a snapshot of another schema is ignored. */
  readonly schemaVersion: number;
  readonly state: unknown;
}

/**
 * `no-stream` (same as 0): the stream must not exist; a number: its current version must be
 * exactly that; `any`: no check.
 */
export type ExpectedVersion = number | 'no-stream' | 'any';

export interface AppendOptions {
  readonly expectedVersion: ExpectedVersion;
  /** Outbox rows committed atomically with the events. */
  readonly outbox?: readonly NewOutboxMessage[];
}

export interface AppendResult {
  /** The stream's version after the append. */
  readonly nextVersion: number;
  readonly lastGlobalPosition: bigint;
}

/** One event for one existing stream, at the version it must have: an item of `appendEach`. */
export interface StreamAppend {
  readonly streamId: string;
  readonly event: NewEvent;
  /** The stream's current version (≥ 1: the stream exists). */
  readonly expectedVersion: number;
  /** Outbox rows committed with this stream's event (not when it conflicts). */
  readonly outbox?: readonly NewOutboxMessage[];
}

export interface ReadAllOptions {
  readonly after: Checkpoint;
  /** At most this many events (a positive integer). */
  readonly limit: number;
}

export interface ReadAllResult {
  readonly events: readonly RecordedEvent[];
  /** Where the next read should start (unchanged when nothing was read). */
  readonly checkpoint: Checkpoint;
}

export interface SubscribeOptions {
  /** Events read per page (default 100). */
  readonly batchSize?: number;
  /** How long to wait for new events when caught up (default 250 ms); an append wakes it early. */
  readonly pollMs?: number;
  /** Told about a failed read; the subscription waits `pollMs` and reads again. */
  readonly onReadError?: (error: unknown) => void;
}

/** A running catch-up subscription. */
export interface Subscription {
  /** Stops delivery; resolves once the in-flight handler call has finished. */
  unsubscribe(): Promise<void>;
  /**
   * Settles when the subscription stops: resolves after `unsubscribe()`, rejects with the
   * handler's error when a handler throws (the event is not acknowledged and delivery stops;
   * restart from the last checkpoint the handler stored). Observe it: a handler failure nobody
   * observes is an unhandled rejection, which stops a Node process by default (fail fast).
   */
  readonly done: Promise<void>;
}

/** The append-only event store of hoga. */
export interface EventStore {
  /**
   * Appends atomically with the outbox rows, checking the expected version; a mismatch rejects
   * with `VersionConflictError`, an outbox id already used with `DuplicateOutboxIdError`, and
   * nothing is written. At least one event is required.
   */
  append(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult>;
  /**
   * One event appended to each of several streams, in one statement and one commit where the
   * store can (PostgreSQL: one round trip for all): each item is its own append — checked against
   * its expected version, written with its outbox rows, or refused alone — so the result, in the
   * items' order, is each one's `AppendResult` or its `VersionConflictError`. Any other failure
   * (a duplicate outbox id, a lost connection) rejects the whole call with nothing written. No
   * stream may appear twice. Optional: a store without it is appended to item by item.
   */
  appendEach?(
    appends: readonly StreamAppend[],
  ): Promise<readonly (AppendResult | VersionConflictError)[]>;
  /** Events of one stream in version order, from `fromVersion` (inclusive, default 1). */
  readStream(streamId: string, fromVersion?: number): Promise<RecordedEvent[]>;
  /** The stream's current version (0 when it does not exist). */
  streamVersion(streamId: string): Promise<number>;
  /**
   * Events after a checkpoint in commit-safe order: a reader never skips an event whose
   * transaction commits later than an event it already read, and each stream's events come in
   * version order. A commit becomes visible here once every older transaction has ended.
   */
  readAll(options: ReadAllOptions): Promise<ReadAllResult>;
  /** Catch-up subscription: everything after `from`, then live events, in order, each once. */
  subscribe(
    from: Checkpoint,
    handler: (event: RecordedEvent) => Promise<void>,
    options?: SubscribeOptions,
  ): Subscription;
  /** The outbox: messages not yet confirmed published, oldest first. */
  pendingOutbox(limit: number): Promise<OutboxMessage[]>;
  /** Marks outbox messages as published. */
  markOutboxSent(ids: readonly string[]): Promise<void>;
  /** Records a failed publish of an outbox message: it stays pending with `attempts` + 1. */
  recordOutboxFailure(id: string, error: string): Promise<void>;
  /** Stores a snapshot of a stream's state; an older one (lower version) never replaces a newer one of the same schema. */
  saveSnapshot(snapshot: Snapshot): Promise<void>;
  /** The latest snapshot of a stream, if any. */
  loadSnapshot(streamId: string): Promise<Snapshot | undefined>;
  /** Stops the subscriptions and releases the connections the store owns. */
  close(): Promise<void>;
}
