import * as t from 'io-ts';
import { nullable } from './codec-helpers.js';

/** An ISO-8601 instant with a time zone (`2026-11-23T10:00:00.000Z` or `...+09:00`). */
export const IsoDateTime = new t.Type<string, string, unknown>(
  'IsoDateTime',
  (u): u is string => typeof u === 'string',
  (u, c) =>
    typeof u === 'string' &&
    u.length <= 40 &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(u) &&
    !Number.isNaN(Date.parse(u))
      ? t.success(u)
      : t.failure(u, c),
  t.identity,
);

/** The id of a message or event: 1-128 printable characters, no whitespace. */
export const MessageIdC = new t.Type<string, string, unknown>(
  'MessageId',
  (u): u is string => typeof u === 'string',
  (u, c) =>
    typeof u === 'string' && /^[\x21-\x7e]{1,128}$/.test(u) ? t.success(u) : t.failure(u, c),
  t.identity,
);

/**
 * Every message and event travels in one envelope: what it is (`type`), its own `id`, when it
 * happened, what caused it (the id of the message that led to it, null for an origin) and the
 * correlation id shared by everything one user action set off. Trace context rides in headers.
 */
export interface Envelope<T extends string, D> {
  readonly id: string;
  readonly type: T;
  readonly occurredAt: string;
  readonly causationId: string | null;
  readonly correlationId: string;
  readonly data: D;
}

/** The codec of one message type: the envelope around `data`, with `type` fixed to `type`. */
export function envelope<T extends string, C extends t.Mixed>(type: T, data: C) {
  return t.strict(
    {
      id: MessageIdC,
      type: t.literal(type),
      occurredAt: IsoDateTime,
      causationId: nullable(MessageIdC),
      correlationId: MessageIdC,
      data,
    },
    type,
  );
}

/** The fields that say where a message comes from, to build a new envelope. */
export interface Provenance {
  readonly id: string;
  readonly occurredAt: string;
  readonly causationId: string | null;
  readonly correlationId: string;
}

/** Wraps data in an envelope. */
export const wrap = <T extends string, D>(type: T, data: D, p: Provenance): Envelope<T, D> => ({
  ...p,
  type,
  data,
});
