import type { RecordedEvent } from '../event-store.port.js';
import { decodeEventMetadata } from '../stored-json.codec.js';
import { CorruptRowError } from '../errors/corrupt-row.error.js';

/** What a scan runs its statements through: one connection, already inside a transaction. */
export interface ScanConnection {
  query(config: { text: string; values?: unknown[]; rowMode: 'array' }): Promise<{
    rows: unknown[][];
  }>;
  query(text: string): Promise<unknown>;
}

/** Which streams a scan reads: those whose id starts with `prefix`, or these ids. */
export type StreamScanFilter =
  { readonly prefix: string } | { readonly streamIds: readonly string[] };

export interface StreamScanOptions {
  /** Rows fetched from the server-side cursor per round trip (default 10,000). */
  readonly fetchSize?: number;
}

const CURSOR = 'hoga_stream_scan';

/** LIKE's wildcards in a prefix, escaped (LIKE's default escape is the backslash). */
const likePrefix = (prefix: string): string => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The columns as text the client takes as they come (no type parser runs): positions as text
 * parsed with `BigInt`, `data` and `metadata` as JSON text for one `JSON.parse` each, the
 * recording time as ISO-8601 text, the hash as hex.
 */
const COLUMNS = `stream_id, stream_version, global_position::text, transaction_id::text, type,
  data::text, metadata::text, to_json(recorded_at)#>>'{}', encode(hash, 'hex')`;

const scanQuery = (filter: StreamScanFilter): { text: string; values: unknown[] } =>
  'prefix' in filter
    ? {
        text: `declare ${CURSOR} no scroll cursor for select ${COLUMNS} from events
          where stream_id like $1 order by stream_id, stream_version`,
        values: [likePrefix(filter.prefix)],
      }
    : {
        text: `declare ${CURSOR} no scroll cursor for select ${COLUMNS} from events
          where stream_id = any($1::text[]) order by stream_id, stream_version`,
        values: [filter.streamIds],
      };

/** One fetched row as a stored event; a row of another shape throws `CorruptRowError`. */
function eventOfRow(row: unknown[]): RecordedEvent {
  const [streamId, version, position, transaction, type, data, metadata, recordedAt, hash] = row;
  if (
    typeof streamId !== 'string' ||
    typeof version !== 'number' ||
    typeof position !== 'string' ||
    typeof transaction !== 'string' ||
    typeof type !== 'string' ||
    typeof data !== 'string' ||
    typeof metadata !== 'string' ||
    typeof recordedAt !== 'string' ||
    (hash !== null && typeof hash !== 'string')
  )
    throw new CorruptRowError('events', `${String(streamId)}@${String(version)}`, [
      'not an event row',
    ]);
  return {
    streamId,
    streamVersion: version,
    globalPosition: BigInt(position),
    transactionId: BigInt(transaction),
    type,
    data: JSON.parse(data) as unknown,
    metadata: decodeEventMetadata(JSON.parse(metadata), position),
    recordedAt: new Date(recordedAt),
    hash,
  };
}

/**
 * Reads the events of many streams in one pass, each stream whole and in version order, the
 * streams in `stream_id` order, through a server-side cursor fetched in large batches: one
 * statement and one snapshot, however many streams (a whole-store audit reads a million events
 * this way instead of one query per stream). The caller owns the transaction: run it inside one
 * (a repeatable-read one for a consistent picture); the cursor is closed before this returns or
 * throws. Yields batches of decoded events.
 */
export async function* scanStreams(
  connection: ScanConnection,
  filter: StreamScanFilter,
  options: StreamScanOptions = {},
): AsyncGenerator<RecordedEvent[], void, undefined> {
  const fetchSize = Math.max(1, Math.floor(options.fetchSize ?? 10_000));
  const declare = scanQuery(filter);
  await connection.query({ ...declare, rowMode: 'array' });
  try {
    for (;;) {
      const { rows } = await connection.query({
        text: `fetch forward ${fetchSize} from ${CURSOR}`,
        rowMode: 'array',
      });
      if (rows.length === 0) return;
      yield rows.map(eventOfRow);
      if (rows.length < fetchSize) return;
    }
  } finally {
    await connection.query(`close ${CURSOR}`).catch(() => undefined);
  }
}
