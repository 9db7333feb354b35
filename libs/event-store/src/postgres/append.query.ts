import { CompiledQuery } from 'kysely';
import type { Kysely } from 'kysely';
import type {
  AppendOptions,
  AppendResult,
  NewEvent,
  NewOutboxMessage,
  StreamAppend,
} from '../event-store.port.js';
import { VersionConflictError } from '../errors/version-conflict.error.js';
import { DuplicateOutboxIdError } from '../errors/duplicate-outbox-id.error.js';
import type { EventStoreTables } from './tables.js';
import { appendStatement } from './append.statements.js';
import { APPEND_EACH_STATEMENT } from './append-each.statement.js';
import { readStreamVersion } from './read-stream.query.js';
import { contentHash } from '../hash-chain.js';

interface AppendRow {
  /** Null when the expected version did not match (nothing was written). */
  readonly next_version: number | null;
  readonly last_position: string | null;
}

const encodeEvents = (events: readonly NewEvent[]): string =>
  JSON.stringify(events.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata })));

const outboxRows = (outbox: readonly NewOutboxMessage[]) =>
  outbox.map((m) => ({
    id: m.id,
    subject: m.subject,
    payload: m.payload,
    headers: m.headers ?? {},
  }));

const encodeOutbox = (outbox: readonly NewOutboxMessage[]): string | null =>
  outbox.length === 0 ? null : JSON.stringify(outboxRows(outbox));

const hashParameter = (streamId: string, e: NewEvent): string =>
  `\\x${contentHash({ streamId, type: e.type, data: e.data, metadata: e.metadata })}`;

/** A PostgreSQL unique violation of `constraint`, as `pg` reports it. */
const isUniqueViolation = (error: unknown, constraint: string): boolean =>
  error instanceof Error &&
  'code' in error &&
  error.code === '23505' &&
  'constraint' in error &&
  error.constraint === constraint;

/**
 * Appends in one statement (`append.statements.ts`), so one round trip and one transaction:
 * claim the versions on the stream row and move its hash chain on (the content hashes are
 * computed here, the links in the statement), insert the events in order, insert the outbox rows;
 * nothing is written when the expected version does not match.
 */
export async function appendToStream(
  db: Kysely<EventStoreTables>,
  streamId: string,
  events: readonly NewEvent[],
  options: AppendOptions,
): Promise<AppendResult> {
  const outbox = options.outbox ?? [];
  const { text, parameters } = appendStatement(
    streamId,
    options.expectedVersion,
    events.length,
    encodeEvents(events),
    encodeOutbox(outbox),
    events.map((e) => hashParameter(streamId, e)),
  );
  let row: AppendRow | undefined;
  try {
    row = (await db.executeQuery<AppendRow>(CompiledQuery.raw(text, parameters))).rows[0];
  } catch (error) {
    if (isUniqueViolation(error, 'outbox_pkey')) {
      throw new DuplicateOutboxIdError(
        streamId,
        outbox.map((m) => m.id),
        { cause: error },
      );
    }
    // Only a writer that bypasses the stream row can make this happen; it is still a conflict.
    if (isUniqueViolation(error, 'events_pkey')) {
      const actual = await readStreamVersion(db, streamId);
      throw new VersionConflictError(streamId, options.expectedVersion, actual, { cause: error });
    }
    throw error;
  }
  if (!row || row.next_version === null || row.last_position === null) {
    throw new VersionConflictError(
      streamId,
      options.expectedVersion,
      await readStreamVersion(db, streamId),
    );
  }
  return { nextVersion: row.next_version, lastGlobalPosition: BigInt(row.last_position) };
}

interface AppendEachRow {
  readonly ord: number;
  readonly next_version: number;
  readonly last_position: string;
}

/**
 * `appendEach` in one statement (`append-each.statement.ts`): the items claimed are written, the
 * others are version conflicts (their stream's version read afterwards, for the error). A
 * duplicate outbox id fails the statement: nothing is written.
 */
export async function appendEachToStreams(
  db: Kysely<EventStoreTables>,
  appends: readonly StreamAppend[],
): Promise<(AppendResult | VersionConflictError)[]> {
  const items = JSON.stringify(
    appends.map((a, i) => ({
      ord: i + 1,
      stream_id: a.streamId,
      expected: a.expectedVersion,
      type: a.event.type,
      data: a.event.data,
      metadata: a.event.metadata,
      outbox: a.outbox === undefined || a.outbox.length === 0 ? null : outboxRows(a.outbox),
    })),
  );
  const hashes = appends.map((a) => hashParameter(a.streamId, a.event));
  let rows: readonly AppendEachRow[];
  try {
    rows = (
      await db.executeQuery<AppendEachRow>(
        CompiledQuery.raw(APPEND_EACH_STATEMENT, [items, hashes]),
      )
    ).rows;
  } catch (error) {
    if (isUniqueViolation(error, 'outbox_pkey')) {
      throw new DuplicateOutboxIdError(
        appends.map((a) => a.streamId).join(', '),
        appends.flatMap((a) => (a.outbox ?? []).map((m) => m.id)),
        { cause: error },
      );
    }
    throw error;
  }
  const byOrd = new Map(rows.map((r) => [r.ord, r]));
  const results: (AppendResult | VersionConflictError)[] = [];
  for (const [i, a] of appends.entries()) {
    const row = byOrd.get(i + 1);
    results.push(
      row === undefined
        ? new VersionConflictError(
            a.streamId,
            a.expectedVersion,
            await readStreamVersion(db, a.streamId),
          )
        : { nextVersion: row.next_version, lastGlobalPosition: BigInt(row.last_position) },
    );
  }
  return results;
}
