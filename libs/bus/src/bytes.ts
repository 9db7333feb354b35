/**
 * Message bytes without a buffer of their own per message. Allocating an `ArrayBuffer` outside
 * V8's heap (what `TextEncoder.encode` and `Uint8Array#slice` do for every message over 64 bytes)
 * costs ~3 µs here, more than encoding the message; Node's `Buffer` carves small ones out of a
 * shared 8 KiB pool instead (~0.2 µs). Bytes from the pool are handed out as plain `Uint8Array`
 * views (a `Buffer`'s `slice` would not copy, its `toString` differs), never written again.
 * Bytes kept for long (a stream's stored message, a key's value) go through {@link ownedBytes}
 * so that a small message does not hold a whole pool slab alive.
 */

const view = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** The UTF-8 bytes of a text, from the pool. */
export const utf8Bytes = (text: string): Uint8Array => view(Buffer.from(text, 'utf8'));

/** A copy of the bytes, from the pool: what a receiver gets, isolated from the sender's array. */
export const copyBytes = (data: Uint8Array): Uint8Array => view(Buffer.from(data));

/**
 * The bytes in a buffer of their own, to be kept: themselves when they already fill their
 * buffer, else an exact copy.
 */
export const ownedBytes = (data: Uint8Array): Uint8Array =>
  data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice();
