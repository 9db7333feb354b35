import type { AppendOptions, ExpectedVersion, NewEvent, StreamAppend } from './event-store.port.js';
import { DuplicateOutboxIdError } from './errors/duplicate-outbox-id.error.js';

const MAX_VERSION = 2 ** 31 - 1;

/**
 * Rejects an append that no store could accept (a programming error, not a conflict): an empty
 * stream id, no events, an event without data, an expected version that is not a version.
 */
export function assertValidAppend(
  streamId: string,
  events: readonly NewEvent[],
  options: AppendOptions,
): void {
  if (typeof streamId !== 'string' || streamId.length === 0)
    throw new TypeError('append: the stream id must be a non-empty string');
  if (events.length === 0)
    throw new RangeError(`append to "${streamId}": at least one event is required`);
  for (const event of events) {
    if (typeof event.type !== 'string' || event.type.length === 0)
      throw new TypeError(`append to "${streamId}": an event type must be a non-empty string`);
    if (event.data === undefined)
      throw new TypeError(`append to "${streamId}": event ${event.type} has no data`);
  }
  const expected = options.expectedVersion;
  if (
    typeof expected === 'number' &&
    !(Number.isInteger(expected) && expected >= 0 && expected + events.length <= MAX_VERSION)
  ) {
    throw new RangeError(`append to "${streamId}": expected version ${expected} is not a version`);
  }
  for (const message of options.outbox ?? []) {
    if (message.id.length === 0 || message.subject.length === 0)
      throw new TypeError(`append to "${streamId}": an outbox message needs an id and a subject`);
    if (message.payload === undefined)
      throw new TypeError(`append to "${streamId}": outbox message ${message.id} has no payload`);
  }
}

/**
 * Rejects an `appendEach` no store could accept: an item that is not a valid append of its one
 * event, an expected version below 1 (the stream must exist), a stream named twice
 * (`RangeError`), or an outbox id used twice among the items (`DuplicateOutboxIdError`).
 */
export function assertValidAppendEach(appends: readonly StreamAppend[]): void {
  const streams = new Set<string>();
  const outboxIds = new Set<string>();
  for (const a of appends) {
    const own = (a.outbox ?? []).map((m) => m.id);
    if (hasRepeatedId(own) || own.some((id) => outboxIds.has(id)))
      throw new DuplicateOutboxIdError(a.streamId, own);
    for (const id of own) outboxIds.add(id);
    assertValidAppend(a.streamId, [a.event], {
      expectedVersion: a.expectedVersion,
      ...(a.outbox === undefined ? {} : { outbox: a.outbox }),
    });
    if (a.expectedVersion < 1)
      throw new RangeError(`appendEach to "${a.streamId}": the stream must exist (version ≥ 1)`);
    if (streams.has(a.streamId))
      throw new RangeError(`appendEach: stream "${a.streamId}" appears twice`);
    streams.add(a.streamId);
  }
}

/** The expected version as one integer: -1 for `any`, 0 for `no-stream`, else the version. */
export const expectedVersionCode = (expected: ExpectedVersion): number =>
  expected === 'any' ? -1 : expected === 'no-stream' ? 0 : expected;

/** True when some outbox id appears twice in the list. */
export const hasRepeatedId = (ids: readonly string[]): boolean => new Set(ids).size !== ids.length;

/** Throws a `RangeError` unless `value` is a positive integer. */
export function assertPositiveInteger(what: string, value: number): void {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${what} must be a positive integer, got ${value}`);
}
