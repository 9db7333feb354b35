import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { RecordedEvent } from '../event-store.port.js';
import { decodeEventMetadata } from '../stored-json.codec.js';
import { CorruptRowError } from '../errors/corrupt-row.error.js';

/**
 * One event as `eventPage` encodes it: [global position, transaction id, stream id, stream
 * version, type, data, metadata, recorded at, chain hash as hex or null]; bigints travel as text, parsed with `BigInt`.
 */
type EventTuple = readonly [
  string,
  string,
  string,
  number,
  string,
  unknown,
  unknown,
  string,
  string | null,
];

/**
 * Wraps a `select * from events ...` as one row holding the events as JSON text, in `order`
 * (`commit`: transaction id then global position, as `readAll` reads; `version`: stream version).
 * The server builds the page in one pass and the client parses it with one `JSON.parse`, instead
 * of pg decoding every row and field: reading is several times faster.
 */
export const eventPage = (
  rows: RawBuilder<unknown>,
  order: 'commit' | 'version',
): RawBuilder<{ page: string }> =>
  sql<{ page: string }>`select coalesce(json_agg(json_build_array(
      e.global_position::text, e.transaction_id::text, e.stream_id, e.stream_version, e.type, e.data, e.metadata, e.recorded_at, encode(e.hash, 'hex')
    ) order by ${order === 'commit' ? sql`e.transaction_id, e.global_position` : sql`e.stream_version`}), '[]')::text as page
    from (${rows}) as e`;

const isEventTuple = (value: unknown): value is EventTuple =>
  Array.isArray(value) &&
  value.length === 9 &&
  typeof value[0] === 'string' &&
  typeof value[1] === 'string' &&
  typeof value[2] === 'string' &&
  typeof value[3] === 'number' &&
  typeof value[4] === 'string' &&
  typeof value[7] === 'string' &&
  (value[8] === null || typeof value[8] === 'string');

/** Decodes an `eventPage` row into events (a row of another shape throws `CorruptRowError`). */
export function toRecordedEvents(page: string | undefined): RecordedEvent[] {
  const tuples: unknown = JSON.parse(page ?? '[]');
  if (!Array.isArray(tuples)) throw new CorruptRowError('events', 'page', ['not a JSON array']);
  return tuples.map((tuple: unknown) => {
    if (!isEventTuple(tuple))
      throw new CorruptRowError('events', JSON.stringify(tuple).slice(0, 80), [
        'not an event tuple',
      ]);
    const [
      globalPosition,
      transactionId,
      streamId,
      streamVersion,
      type,
      data,
      metadata,
      recordedAt,
      hash,
    ] = tuple;
    return {
      streamId,
      streamVersion,
      globalPosition: BigInt(globalPosition),
      transactionId: BigInt(transactionId),
      type,
      data,
      metadata: decodeEventMetadata(metadata, globalPosition),
      recordedAt: new Date(recordedAt),
      hash,
    };
  });
}
