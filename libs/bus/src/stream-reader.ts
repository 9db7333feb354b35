import type { MessageCodec } from '@hoga/contracts';
import * as E from 'fp-ts/lib/Either.js';
import { BusUsageError } from './bus.errors.js';
import type { KeptMessage, StreamReadQuery, StreamReadResult } from './bus.port.js';
import { subjectMatches } from './in-process/subject-match.js';
import { decodeMessage } from './message-codec.js';
import { checkPattern, type Namespace, type WireStream } from './namespace.js';
import type { RawStoredMessage, Transport } from './transport.port.js';

/** Matching messages returned by one read at most. */
export const MAX_STREAM_READ = 1_000;
/** Sequences looked at by one read at most. */
export const MAX_STREAM_SCAN = 10_000;
/** Sequences fetched at once (one request each on NATS: a few in flight hide the round trips). */
const FETCH_AHEAD = 32;

const checkBound = (name: string, value: number, max: number): void => {
  if (!Number.isSafeInteger(value) || value < 1 || value > max)
    throw new BusUsageError(`${name} must be 1..${max}, got ${value}`);
};

/**
 * Reads a stream back from the newest message (or from below `query.before`) down, keeping the
 * messages that decode and match, until `limit` matched or `maxScan` sequences were looked at.
 * A message that fails to decode is counted and skipped, never dead-lettered.
 */
export async function readStream<A>(
  transport: Transport,
  ns: Namespace,
  stream: WireStream,
  codec: MessageCodec<A>,
  query: StreamReadQuery<A>,
): Promise<StreamReadResult<A>> {
  checkBound('limit', query.limit, MAX_STREAM_READ);
  checkBound('maxScan', query.maxScan, MAX_STREAM_SCAN);
  if (query.before !== undefined && (!Number.isSafeInteger(query.before) || query.before < 1))
    throw new BusUsageError(`before must be a positive integer, got ${query.before}`);
  const filter = query.subject === undefined ? undefined : checkPattern(query.subject);
  const state = await transport.streamState(stream);
  const top = Math.min(state.lastSequence, (query.before ?? Number.MAX_SAFE_INTEGER) - 1);
  const bottom = Math.max(state.firstSequence, 1);
  const messages: KeptMessage<A>[] = [];
  let undecodable = 0;
  let sequence = top;
  while (sequence >= bottom && messages.length < query.limit && top - sequence < query.maxScan) {
    const room = Math.min(FETCH_AHEAD, sequence - bottom + 1, query.maxScan - (top - sequence));
    const batch = await Promise.all(
      Array.from({ length: room }, (_, i) => transport.storedMessage(stream, sequence - i)),
    );
    for (const stored of batch) {
      sequence -= 1;
      const kept = stored === undefined ? undefined : keep(ns, codec, stored, filter);
      if (kept === 'undecodable') undecodable += 1;
      else if (kept !== undefined && (query.match?.(kept) ?? true)) {
        messages.push(kept);
        if (messages.length >= query.limit) break;
      }
    }
  }
  return {
    messages,
    scanned: top - sequence,
    undecodable,
    next: sequence >= bottom ? sequence + 1 : undefined,
    count: state.messages,
    bytes: state.bytes,
    firstSequence: state.firstSequence,
    lastSequence: state.lastSequence,
  };
}

/** The stored message decoded, unless its subject is filtered out. */
function keep<A>(
  ns: Namespace,
  codec: MessageCodec<A>,
  stored: RawStoredMessage,
  filter: string | undefined,
): KeptMessage<A> | 'undecodable' | undefined {
  const subject = ns.strip(stored.subject);
  if (filter !== undefined && !subjectMatches(filter, subject)) return undefined;
  const decoded = decodeMessage(codec, stored.data, subject);
  if (E.isLeft(decoded)) return 'undecodable';
  return {
    sequence: stored.sequence,
    subject,
    data: decoded.right,
    headers: stored.headers,
    keptAt: stored.storedAt,
  };
}
