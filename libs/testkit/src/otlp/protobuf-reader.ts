/** The bytes are not valid protobuf (truncated, an unknown wire type, a length past the end). */
export class ProtobufDecodeError extends Error {
  override readonly name = 'ProtobufDecodeError';
}

/** One field of a message: its number and value (varint/fixed as bigint, length-delimited as bytes). */
export type ProtobufField =
  | { readonly no: number; readonly wire: 'varint' | 'fixed64' | 'fixed32'; readonly value: bigint }
  | { readonly no: number; readonly wire: 'bytes'; readonly value: Uint8Array };

/**
 * Reads the fields of one protobuf message (wire format: varint, fixed64, length-delimited,
 * fixed32; groups are refused). Enough to read OTLP; what a field means is the caller's.
 */
export function readFields(bytes: Uint8Array): ProtobufField[] {
  const fields: ProtobufField[] = [];
  let at = 0;
  const varint = (): bigint => {
    let value = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const byte = bytes[at++];
      if (byte === undefined) throw new ProtobufDecodeError('truncated varint');
      value |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return value;
    }
    throw new ProtobufDecodeError('varint longer than 10 bytes');
  };
  const fixed = (size: number): bigint => {
    if (at + size > bytes.length) throw new ProtobufDecodeError('truncated fixed field');
    let value = 0n;
    for (let i = size - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[at + i] ?? 0);
    at += size;
    return value;
  };
  while (at < bytes.length) {
    const key = varint();
    const no = Number(key >> 3n);
    const type = Number(key & 7n);
    if (no === 0) throw new ProtobufDecodeError('field number 0');
    if (type === 0) fields.push({ no, wire: 'varint', value: varint() });
    else if (type === 1) fields.push({ no, wire: 'fixed64', value: fixed(8) });
    else if (type === 5) fields.push({ no, wire: 'fixed32', value: fixed(4) });
    else if (type === 2) {
      const length = Number(varint());
      if (at + length > bytes.length)
        throw new ProtobufDecodeError(`field ${no} runs past the end`);
      fields.push({ no, wire: 'bytes', value: bytes.subarray(at, (at += length)) });
    } else throw new ProtobufDecodeError(`field ${no}: unsupported wire type ${type}`);
  }
  return fields;
}

/** The length-delimited values of field `no` (repeated messages, strings, bytes). */
export const bytesOf = (fields: readonly ProtobufField[], no: number): Uint8Array[] =>
  fields.flatMap((f) => (f.no === no && f.wire === 'bytes' ? [f.value] : []));

/** The last numeric value of field `no` (proto3: the last one wins), or undefined. */
export function numberOf(fields: readonly ProtobufField[], no: number): bigint | undefined {
  let found: bigint | undefined;
  for (const f of fields) if (f.no === no && f.wire !== 'bytes') found = f.value;
  return found;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The string of field `no` ('' when absent); invalid UTF-8 is a `ProtobufDecodeError`. */
export function stringOf(fields: readonly ProtobufField[], no: number): string {
  const value = bytesOf(fields, no).at(-1);
  if (value === undefined) return '';
  try {
    return utf8.decode(value);
  } catch {
    throw new ProtobufDecodeError(`field ${no} is not UTF-8`);
  }
}

/** Bytes as lower-case hex ('' when absent). */
export const hexOf = (fields: readonly ProtobufField[], no: number): string =>
  Buffer.from(bytesOf(fields, no).at(-1) ?? new Uint8Array()).toString('hex');
