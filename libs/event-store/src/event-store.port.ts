/** Where a reader of all events stands: the last (transaction id, global position) it has seen. */
export interface Checkpoint {
  readonly transactionId: bigint;
  readonly globalPosition: bigint;
}
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
}

/** A message to publish after the events commit, written in the same transaction. */
export interface NewOutboxMessage {
  /** The row id, used as the bus dedup id (`Nats-Msg-Id`). */
  readonly id: string;
  readonly subject: string;
  readonly payload: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface OutboxMessage extends NewOutboxMessage {
  readonly createdAt: Date;
  readonly attempts: number;
}

/** A stream's folded state at a version, to bound replay time. */
export interface Snapshot {
  readonly streamId: string;
  readonly streamVersion: number;
  /** The state's schema version: a snapshot of another schema is ignored. */
  readonly schemaVersion: number;
  readonly state: unknown;
}

/** `no-stream`: the stream must not exist; a number: its current version must be exactly that. */
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

export interface ReadAllOptions {
  readonly after: Checkpoint;
  readonly limit: number;
}

export interface ReadAllResult {
  readonly events: readonly RecordedEvent[];
  /** Where the next read should start (unchanged when nothing was read). */
  readonly checkpoint: Checkpoint;
}

export interface Subscription {
  unsubscribe(): Promise<void>;
}

/** The append-only event store of hoga. */
export interface EventStore {
  /** Appends atomically, checking the expected version; a mismatch rejects with `VersionConflictError`. */
  append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /** Events of one stream in version order, from `fromVersion` (inclusive, default 1). */
  readStream(streamId: string, fromVersion?: number): Promise<RecordedEvent[]>;
  /** The stream's current version (0 when it does not exist). */
  streamVersion(streamId: string): Promise<number>;
  /**
   * Events after a checkpoint in commit-safe order: a reader never skips an event whose
   * transaction commits later than an event it already read.
   */
  readAll(options: ReadAllOptions): Promise<ReadAllResult>;
  /** Catch-up subscription: everything after `from`, then live events, in order, each once. */
  subscribe(from: Checkpoint, handler: (event: RecordedEvent) => Promise<void>, options?: { batchSize?: number; pollMs?: number }): Subscription;
  /** The outbox: messages not yet confirmed published, oldest first. */
  pendingOutbox(limit: number): Promise<OutboxMessage[]>;
  /** Marks outbox messages as published. */
  markOutboxSent(ids: readonly string[]): Promise<void>;
  /** Stores a snapshot of a stream's state at a version (replaces an older one). */
  saveSnapshot(snapshot: Snapshot): Promise<void>;
  /** The latest snapshot of a stream, if any. */
  loadSnapshot(streamId: string): Promise<Snapshot | undefined>;
  close(): Promise<void>;
}
