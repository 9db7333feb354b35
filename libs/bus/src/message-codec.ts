import type { MessageCodec } from '@hoga/contracts';
import { decoderOf, encoderOf } from '@hoga/model';
import * as E from 'fp-ts/lib/Either.js';
import { BusDecodeError, BusEncodeError } from './bus.errors.js';
import { utf8Bytes } from './bytes.js';
import { jsonFaithful } from './json-faithful.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A message encoded for the wire, and what a receiver with the same codec decodes from it. */
export interface EncodedMessage<A> {
  readonly bytes: Uint8Array;
  readonly decoded: A;
}

/**
 * Encodes a message to JSON bytes with its codec, and proves the bytes decode back: what a
 * receiver would dead-letter is refused here (`BusEncodeError`), before anything is sent.
 */
export function encodeMessage<A>(codec: MessageCodec<A>, message: A, subject: string): Uint8Array {
  return encodeChecked(codec, message, subject).bytes;
}

/**
 * {@link encodeMessage}, also returning the value the round trip decoded: an in-process receiver
 * with the same codec can take it instead of decoding the bytes again. The message is encoded
 * once and its encoded form decoded once: when that form is plain JSON data ({@link
 * jsonFaithful}), decoding it is decoding what the receiver parses, so the JSON text is not
 * parsed back; otherwise (NaN, undefined, a Date ...) the text itself is parsed and decoded.
 */
export function encodeChecked<A>(
  codec: MessageCodec<A>,
  message: A,
  subject: string,
): EncodedMessage<A> {
  let encoded: unknown;
  let json: unknown;
  try {
    encoded = encoderOf(codec)(message);
    // JSON.stringify gives undefined (despite its type) for undefined, functions and symbols.
    json = JSON.stringify(encoded);
  } catch (cause) {
    throw new BusEncodeError(subject, { cause });
  }
  if (typeof json !== 'string')
    throw new BusEncodeError(subject, { cause: new Error('the message encodes to nothing') });
  const wire: unknown = jsonFaithful(encoded) ? encoded : JSON.parse(json);
  const roundTrip = decoderOf(codec)(wire);
  if (E.isLeft(roundTrip)) throw new BusEncodeError(subject, { cause: roundTrip.left });
  return { bytes: utf8Bytes(json), decoded: roundTrip.right };
}

/**
 * The JSON bytes of a message its writer already encoded with its codec (a stored outbox row):
 * serialized as it is, neither decoded nor encoded again. `BusEncodeError` when it does not
 * serialize (a cycle, a bigint) or serializes to nothing.
 */
export function serializeEncoded(encoded: unknown, subject: string): Uint8Array {
  let json: unknown;
  try {
    json = JSON.stringify(encoded);
  } catch (cause) {
    throw new BusEncodeError(subject, { cause });
  }
  if (typeof json !== 'string')
    throw new BusEncodeError(subject, { cause: new Error('the message encodes to nothing') });
  return utf8Bytes(json);
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
