import type { MessageCodec } from '@hoga/contracts';
import { decoderOf, encoderOf } from '@hoga/model';
import * as E from 'fp-ts/lib/Either.js';
import { BusDecodeError, BusEncodeError } from './bus.errors.js';
import { utf8Bytes } from './bytes.js';
import { jsonFaithful } from './json-faithful.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A message encoded for the wire, and what a receiver with the same codec decodes from it. */
export interface EncodedMessage<A> {
  /** Its JSON bytes, made when called (a transport calls it at most once). */
  readonly bytes: () => Uint8Array;
  readonly decoded: A;
}

/**
 * Encodes a message to JSON bytes with its codec, and proves the bytes decode back: what a
 * receiver would dead-letter is refused here (`BusEncodeError`), before anything is sent.
 */
export function encodeMessage<A>(codec: MessageCodec<A>, message: A, subject: string): Uint8Array {
  return encodeChecked(codec, message, subject).bytes();
}

/**
 * {@link encodeMessage}, also returning the value the round trip decoded: an in-process receiver
 * with the same codec can take it instead of decoding the bytes again. The message is encoded
 * once and its encoded form decoded once. When that form is plain JSON data ({@link
 * jsonFaithful}), decoding it is decoding what the receiver parses, so the JSON text is neither
 * parsed back nor made until the bytes are asked for (it cannot fail to serialize: no cycle, no
 * bigint, no `toJSON`); otherwise (NaN, undefined, a Date ...) the text is made and parsed now.
 */
export function encodeChecked<A>(
  codec: MessageCodec<A>,
  message: A,
  subject: string,
): EncodedMessage<A> {
  let encoded: unknown;
  try {
    encoded = encoderOf(codec)(message);
  } catch (cause) {
    throw new BusEncodeError(subject, { cause });
  }
  if (jsonFaithful(encoded)) {
    const roundTrip = decoderOf(codec)(encoded);
    if (E.isLeft(roundTrip)) throw new BusEncodeError(subject, { cause: roundTrip.left });
    return { bytes: () => serializeEncoded(encoded, subject), decoded: roundTrip.right };
  }
  const json = serialized(encoded, subject);
  const roundTrip = decoderOf(codec)(JSON.parse(json));
  if (E.isLeft(roundTrip)) throw new BusEncodeError(subject, { cause: roundTrip.left });
  const bytes = utf8Bytes(json);
  return { bytes: () => bytes, decoded: roundTrip.right };
}

/** The JSON text of an encoded message; `BusEncodeError` when it has none (a cycle, a bigint). */
function serialized(encoded: unknown, subject: string): string {
  let json: unknown;
  try {
    // JSON.stringify gives undefined (despite its type) for undefined, functions and symbols.
    json = JSON.stringify(encoded);
  } catch (cause) {
    throw new BusEncodeError(subject, { cause });
  }
  if (typeof json !== 'string')
    throw new BusEncodeError(subject, { cause: new Error('the message encodes to nothing') });
  return json;
}

/**
 * The JSON bytes of a message its writer already encoded with its codec (a stored outbox row):
 * serialized as it is, neither decoded nor encoded again. `BusEncodeError` when it does not
 * serialize (a cycle, a bigint) or serializes to nothing.
 */
export function serializeEncoded(encoded: unknown, subject: string): Uint8Array {
  return utf8Bytes(serialized(encoded, subject));
}

/**
 * The largest payload the bus parses: NATS's default `max_payload` (1 MiB). A larger one (a
 * server configured higher, a misbehaving peer) is refused before `JSON.parse` (which would take
 * many times its size in memory) as undecodable, and dead-lettered like any other.
 */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * Decodes JSON bytes with a codec: a typed failure for an oversized payload, bad UTF-8, bad JSON
 * or a codec mismatch (its message bounded, see `DecodeError`).
 */
export function decodeMessage<A>(
  codec: MessageCodec<A>,
  payload: Uint8Array,
  subject: string,
  maxBytes: number = MAX_MESSAGE_BYTES,
): E.Either<BusDecodeError, A> {
  if (payload.length > maxBytes)
    return E.left(
      new BusDecodeError(subject, {
        cause: new Error(`payload of ${payload.length} bytes is over the ${maxBytes}-byte limit`),
      }),
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(strictUtf8.decode(payload));
  } catch (cause) {
    return E.left(new BusDecodeError(subject, { cause }));
  }
  return E.mapLeft((cause: unknown) => new BusDecodeError(subject, { cause }))(
    decoderOf(codec)(parsed),
  );
}
