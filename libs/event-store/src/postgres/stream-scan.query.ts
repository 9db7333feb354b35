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
  /**
   * Only the streams of one part of `of` (by a hash of the stream id, `index` 0 .. of - 1): the
   * parts are disjoint and together are the whole filter, each stream whole in one of them, so
   * readers on several connections (sharing one exported snapshot) can split a scan.
   */
  readonly partition?: { readonly index: number; readonly of: number };
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

/** The partition's condition (`$2` its count, `$3` its index), or nothing for the whole scan. */
const partitionOf = (options: StreamScanOptions): { text: string; values: number[] } => {
  const p = options.partition;
  if (p === undefined) return { text: '', values: [] };
  if (!(Number.isInteger(p.of) && p.of >= 1 && Number.isInteger(p.index)))
    throw new RangeError(`a scan partition is an index of a count: ${p.index} of ${p.of}`);
  if (p.index < 0 || p.index >= p.of)
    throw new RangeError(`a scan partition index runs 0 .. ${p.of - 1}: ${p.index}`);
  // hashtext's 32 bits, sign bit cleared, modulo the count: every stream in exactly one part.
  return { text: ' and (hashtext(stream_id) & 2147483647) % $2 = $3', values: [p.of, p.index] };
};

const scanQuery = (
  filter: StreamScanFilter,
  options: StreamScanOptions,
): { text: string; values: unknown[] } => {
  const part = partitionOf(options);
  return 'prefix' in filter
    ? {
        text: `declare ${CURSOR} no scroll cursor for select ${COLUMNS} from events
          where stream_id like $1${part.text} order by stream_id, stream_version`,
        values: [likePrefix(filter.prefix), ...part.values],
      }
    : {
        text: `declare ${CURSOR} no scroll cursor for select ${COLUMNS} from events
          where stream_id = any($1::text[])${part.text} order by stream_id, stream_version`,
        values: [filter.streamIds, ...part.values],
      };
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
 * throws. Yields batches of decoded events; the next batch is fetched while the caller works on
 * the one yielded.
 */
export async function* scanStreams(
  connection: ScanConnection,
  filter: StreamScanFilter,
  options: StreamScanOptions = {},
): AsyncGenerator<RecordedEvent[], void, undefined> {
  const fetchSize = Math.max(1, Math.floor(options.fetchSize ?? 10_000));
  const declare = scanQuery(filter, options);
  await connection.query({ ...declare, rowMode: 'array' });
  const fetch = (): Promise<{ rows: unknown[][] }> => {
    const rows = connection.query({
      text: `fetch forward ${fetchSize} from ${CURSOR}`,
      rowMode: 'array',
    });
    // Handled here too: a fetch that fails while the caller is busy is not an unhandled
    // rejection; the loop's await below still throws its error.
    rows.catch(() => undefined);
    return rows;
  };
  let pending: Promise<{ rows: unknown[][] }> | null = fetch();
  try {
    while (pending !== null) {
      const { rows }: { rows: unknown[][] } = await pending;
      // A full batch: ask for the next one now, so PostgreSQL produces it while the caller folds
      // this one (the server and the client each keep a CPU busy).
      pending = rows.length === fetchSize ? fetch() : null;
      if (rows.length > 0) yield rows.map(eventOfRow);
    }
  } finally {
    // A caller that stops early leaves a fetch in flight: let it settle, then close the cursor.
    await pending?.then(
      () => undefined,
      () => undefined,
    );
    await connection.query(`close ${CURSOR}`).catch(() => undefined);
  }
}
