import type { StreamSpec } from '@hoga/contracts';
import { STREAMS } from '@hoga/contracts';
import { BusUsageError } from './bus.errors.js';
import type {
  DeadLetterLimits,
  DeadLetterQuery,
  DeadLetterReport,
  KeptDeadLetter,
} from './bus.port.js';
import { DeadLetterHeader, deadLetterSubject, readDeadLetter } from './dead-letter.js';
import { subjectMatches } from './in-process/subject-match.js';
import { checkPattern, type Namespace, type WireStream } from './namespace.js';
import type { Transport } from './transport.port.js';

/** Letters returned by one query at most, and by default. */
export const MAX_DEAD_LETTER_QUERY = 100;
const DEFAULT_DEAD_LETTER_QUERY = 10;
/** Kept letters read back per query at most: a query over a large stream stays bounded. */
export const MAX_DEAD_LETTER_SCAN = 1_000;

/** The dead-letter stream's limits: the contracts' defaults under `overrides`. */
export function deadLetterLimits(overrides: Partial<DeadLetterLimits> = {}): DeadLetterLimits {
  const limits = {
    maxAgeMs: overrides.maxAgeMs ?? STREAMS.deadLetters.maxAgeMs,
    maxMsgs: overrides.maxMsgs ?? STREAMS.deadLetters.maxMsgs,
    maxBytes: overrides.maxBytes ?? STREAMS.deadLetters.maxBytes,
  };
  for (const [name, value] of Object.entries(limits))
    if (!Number.isSafeInteger(value) || value < (name === 'maxAgeMs' ? 0 : 1))
      throw new BusUsageError(`dead-letter ${name} must be a positive integer, got ${value}`);
  return limits;
}

/**
 * The dead-letter stream spec with these limits. Its dedup window never exceeds the age limit
 * (JetStream refuses a stream whose window is longer than its max age; 0 is no age limit).
 */
export const deadLetterStreamSpec = (limits: DeadLetterLimits): StreamSpec => ({
  ...STREAMS.deadLetters,
  ...limits,
  duplicateWindowMs:
    limits.maxAgeMs > 0
      ? Math.min(STREAMS.deadLetters.duplicateWindowMs, limits.maxAgeMs)
      : STREAMS.deadLetters.duplicateWindowMs,
});

/**
 * Reads the dead-letter stream back: its state, then letters from the newest down, keeping those
 * matching the query, until `limit` are found or {@link MAX_DEAD_LETTER_SCAN} were read.
 */
export async function readKeptDeadLetters(
  transport: Transport,
  ns: Namespace,
  stream: WireStream,
  limits: DeadLetterLimits,
  query: DeadLetterQuery = {},
): Promise<DeadLetterReport> {
  const limit = query.limit ?? DEFAULT_DEAD_LETTER_QUERY;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_DEAD_LETTER_QUERY)
    throw new BusUsageError(`limit must be 1..${MAX_DEAD_LETTER_QUERY}, got ${limit}`);
  const filter = query.subject === undefined ? undefined : checkPattern(query.subject);
  const prefix = ns.subject(deadLetterSubject('x')).slice(0, -1);
  await transport.ensureStream(stream);
  const state = await transport.streamState(stream);
  const letters: KeptDeadLetter[] = [];
  let scanned = 0;
  for (
    let sequence = state.lastSequence;
    sequence >= state.firstSequence && sequence > 0 && letters.length < limit;
    sequence -= 1
  ) {
    if (scanned >= MAX_DEAD_LETTER_SCAN) break;
    scanned += 1;
    const stored = await transport.storedMessage(stream, sequence);
    if (stored === undefined) continue;
    if (!stored.subject.startsWith(prefix)) continue;
    const letter = readDeadLetter(ns.strip(stored.subject), stored.data, stored.headers);
    const by = stored.headers[DeadLetterHeader.by];
    if (filter !== undefined && !subjectMatches(filter, letter.subject)) continue;
    if (query.by !== undefined && !byMatches(by, query.by)) continue;
    letters.push({ ...letter, sequence: stored.sequence, keptAt: stored.storedAt, by });
  }
  return { count: state.messages, bytes: state.bytes, limits, letters, scanned };
}

/** A bus named `service` or `<anything>/service` (the all-in-one's `all-in-one/risk-guard`). */
const byMatches = (by: string | undefined, service: string): boolean =>
  by === service || (by?.endsWith(`/${service}`) ?? false);
