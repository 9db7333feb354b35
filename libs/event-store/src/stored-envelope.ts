import type { NewEvent, RecordedEvent } from './event-store.port.js';

/** The message envelope of a stored event, before its codec checks it. */
export interface StoredEnvelope {
  readonly id: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly causationId: string | null;
  readonly correlationId: string;
  readonly data: unknown;
}

/**
 * The envelope a stored event was appended from: the event's type and data, its envelope fields
 * from the metadata. The caller decodes it with the stream's codec.
 */
export const storedEnvelope = (row: RecordedEvent): StoredEnvelope => ({
  id: row.metadata.eventId,
  type: row.type,
  occurredAt: row.metadata.occurredAt,
  causationId: row.metadata.causationId,
  correlationId: row.metadata.correlationId,
  data: row.data,
});

/** A decoder of envelopes: the event, or why it does not decode. */
export type EnvelopeDecoder<A> = (envelope: StoredEnvelope) =>
  | { readonly _tag: 'Left'; readonly left: { readonly message: string } }
  | {
      readonly _tag: 'Right';
      readonly right: A;
    };

/**
 * The event of a stored row, decoded with the stream's codec. A stored event that no longer
 * decodes is a broken invariant (the process crashes and the cause is fixed), so this throws.
 */
export function decodeStoredEvent<A>(decode: EnvelopeDecoder<A>, row: RecordedEvent): A {
  const decoded = decode(storedEnvelope(row));
  if (decoded._tag === 'Left')
    throw new Error(
      `stored event ${row.streamId}@${row.streamVersion} does not decode: ${decoded.left.message}`,
    );
  return decoded.right;
}

/** The envelope fields a stored event keeps as metadata. */
type EnvelopeFields = Omit<StoredEnvelope, 'data'>;

/**
 * The event to append for a message envelope: its data as the stream's codec encodes it, the
 * envelope fields as metadata. The inverse of {@link decodeStoredEvent}.
 */
export function newEventOf<A extends EnvelopeFields>(
  encode: (envelope: A) => unknown,
  envelope: A,
): NewEvent {
  return {
    type: envelope.type,
    data: (encode(envelope) as { data: unknown }).data,
    metadata: {
      eventId: envelope.id,
      occurredAt: envelope.occurredAt,
      causationId: envelope.causationId,
      correlationId: envelope.correlationId,
    },
  };
}
