import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import { PathReporter } from 'io-ts/lib/PathReporter.js';
import type { EventMetadata } from './event-store.port.js';
import { CorruptRowError } from './errors/corrupt-row.error.js';

/** The envelope fields every stored event's metadata carries; other keys pass through. */
export const EventMetadataC = t.type({
  eventId: t.string,
  occurredAt: t.string,
  causationId: t.union([t.string, t.null]),
  correlationId: t.string,
});

/** Outbox headers: string to string. */
export const OutboxHeadersC = t.record(t.string, t.string);

function decodeOrThrow<A>(
  codec: t.Decoder<unknown, A>,
  value: unknown,
  table: string,
  key: string,
): A {
  const result = codec.decode(value);
  if (isLeft(result)) throw new CorruptRowError(table, key, PathReporter.report(result));
  return result.right;
}

/**
 * The envelope fields checked directly: what `EventMetadataC` accepts, and the same object it
 * would return (a million-event audit reads every row's metadata; the codec costs more).
 */
const isEventMetadata = (value: unknown): value is EventMetadata => {
  if (Object.prototype.toString.call(value) !== '[object Object]') return false;
  const m = value as Record<string, unknown>;
  return (
    typeof m['eventId'] === 'string' &&
    typeof m['occurredAt'] === 'string' &&
    (m['causationId'] === null || typeof m['causationId'] === 'string') &&
    typeof m['correlationId'] === 'string'
  );
};

/**
 * Decodes stored event metadata, or throws `CorruptRowError` with what is wrong (a row that fails
 * the direct check goes through the io-ts codec for its reasons).
 */
export const decodeEventMetadata = (value: unknown, key: string): EventMetadata =>
  isEventMetadata(value) ? value : decodeOrThrow(EventMetadataC, value, 'events', key);

/** Decodes stored outbox headers, or throws `CorruptRowError`. */
export const decodeOutboxHeaders = (value: unknown, key: string): Record<string, string> =>
  decodeOrThrow(OutboxHeadersC, value, 'outbox', key);
