import type * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { decodeOrThrow, decodeWith, type DecodeIssue } from '@hoga/model';
import type { Provenance } from '../envelope.js';

/** Test support (not exported by the package): provenance and wire-message builders. */
export const meta: Provenance = {
  id: 'msg-1',
  occurredAt: '2026-11-23T10:00:00.000Z',
  causationId: 'msg-0',
  correlationId: 'corr-1',
};

/** A message as it travels (JSON), in an envelope with {@link meta}. */
export const wire = (type: string, data: unknown) => ({ ...meta, type, data });

/** Decodes a wire message, encodes it, sends it through JSON text, and decodes it again. */
export function throughTheWire<A, O>(codec: t.Type<A, O, unknown>, input: unknown) {
  const first = decodeOrThrow(codec, input);
  const encoded: unknown = JSON.parse(JSON.stringify(codec.encode(first)));
  return { first, encoded, second: decodeOrThrow(codec, encoded) };
}

/** The decode issues of an input that must not decode (throws if it does). */
export function issuesOf<A, O>(
  codec: t.Type<A, O, unknown>,
  input: unknown,
): readonly DecodeIssue[] {
  const r = decodeWith(codec, input);
  if (E.isRight(r)) throw new Error(`${codec.name} decoded an input it should refuse`);
  return r.left.issues;
}

/** The paths of the decode issues of an input that must not decode. */
export const failingPaths = <A, O>(codec: t.Type<A, O, unknown>, input: unknown) =>
  issuesOf(codec, input).map((i) => i.path);

/** A copy of a wire message with `data` fields replaced (`undefined` removes a field). */
export function withData(message: { readonly data: unknown }, patch: Record<string, unknown>) {
  const data = { ...(message.data as Record<string, unknown>), ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete data[k];
  return { ...message, data };
}
