import type { Checkpoint, OutboxMessage, RecordedEvent } from '../event-store.port.js';
import { compareCheckpoints } from '../checkpoint.js';
import { decodeEventMetadata, decodeOutboxHeaders } from '../stored-json.codec.js';

/** JSON is kept as text, as a database keeps it: callers get a fresh copy on every read. */
export interface StoredEvent {
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: bigint;
  readonly transactionId: bigint;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recordedAt: Date;
  /** The event's link in its stream's hash chain, hex. */
  readonly hash: string;
}

/** An outbox row; the relay's marks change it in place. */
export interface StoredOutboxRow {
  readonly id: string;
  readonly subject: string;
  readonly payload: string;
  readonly headers: string;
  readonly createdAt: Date;
  sentAt: Date | null;
  attempts: number;
  lastError: string | null;
}

/** JSON text of a value, as the store keeps it. */
export const toJson = (value: unknown): string => JSON.stringify(value);

/** Index of the first event after `checkpoint` (events are sorted in commit order). */
export function firstAfter(events: readonly StoredEvent[], checkpoint: Checkpoint): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareCheckpoints(events[mid]!, checkpoint) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** A stored event as a fresh `RecordedEvent`. */
export const toRecordedEvent = (e: StoredEvent): RecordedEvent => ({
  streamId: e.streamId,
  streamVersion: e.streamVersion,
  globalPosition: e.globalPosition,
  transactionId: e.transactionId,
  type: e.type,
  data: JSON.parse(e.data) as unknown,
  metadata: decodeEventMetadata(JSON.parse(e.metadata), e.globalPosition.toString()),
  recordedAt: new Date(e.recordedAt),
  hash: e.hash,
});

/** A stored outbox row as a fresh `OutboxMessage`. */
export const toOutboxMessage = (row: StoredOutboxRow): OutboxMessage => ({
  id: row.id,
  subject: row.subject,
  payload: JSON.parse(row.payload) as unknown,
  headers: decodeOutboxHeaders(JSON.parse(row.headers), row.id),
  createdAt: new Date(row.createdAt),
  attempts: row.attempts,
  lastError: row.lastError,
});
