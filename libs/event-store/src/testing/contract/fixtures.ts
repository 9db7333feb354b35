import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Checkpoint, EventStore, NewEvent, RecordedEvent } from '../../event-store.port.js';

/** Gives a contract test the store under test (a fresh one per test). */
export type StoreAccess = () => EventStore;

/** A unique stream id, so tests never see each other's streams. */
export const streamId = (label: string): string => `${label}-${randomUUID()}`;

/** A new event with envelope metadata; `data` defaults to `{ n }`. */
export function newEvent(type: string, data: unknown = {}, correlationId = 'corr-1'): NewEvent {
  return {
    type,
    data,
    metadata: {
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      causationId: null,
      correlationId,
    },
  };
}

/** `count` events numbered from `from`: `{ n: from }`, `{ n: from + 1 }`, ... */
export const numbered = (type: string, count: number, from = 1): NewEvent[] =>
  Array.from({ length: count }, (_, i) => newEvent(type, { n: from + i }));

/** The event ids of recorded events, in order. */
export const eventIds = (events: readonly RecordedEvent[]): string[] =>
  events.map((e) => e.metadata.eventId);

/** The ids of new events, in order. */
export const newEventIds = (events: readonly NewEvent[]): string[] =>
  events.map((e) => e.metadata.eventId);

/** A subscription handler that collects events and lets a test wait until it has `n` of them. */
export function collector(): {
  readonly events: RecordedEvent[];
  handler: (e: RecordedEvent) => Promise<void>;
  until(n: number): Promise<void>;
} {
  const events: RecordedEvent[] = [];
  const waiting: { n: number; resolve: () => void }[] = [];
  return {
    events,
    async handler(event) {
      events.push(event);
      for (const w of waiting.filter((x) => events.length >= x.n)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve();
      }
    },
    until(n) {
      if (events.length >= n) return Promise.resolve();
      return new Promise((resolve) => waiting.push({ n, resolve }));
    },
  };
}

/**
 * Reads all events after `after` in pages of `limit` until at least `atLeast` have been read and
 * a page comes back empty. A PostgreSQL reader sees a commit only once every older transaction
 * in the cluster has ended (possibly another suite's), so an empty page before `atLeast` means
 * "not visible yet": it reads again. Only the mocha timeout bounds the wait.
 */
export async function readAllEventually(
  store: EventStore,
  after: Checkpoint,
  atLeast: number,
  limit = 100,
): Promise<{
  events: RecordedEvent[];
  pages: { events: readonly RecordedEvent[]; checkpoint: Checkpoint; after: Checkpoint }[];
}> {
  const events: RecordedEvent[] = [];
  const pages: { events: readonly RecordedEvent[]; checkpoint: Checkpoint; after: Checkpoint }[] =
    [];
  let from = after;
  for (;;) {
    const page = await store.readAll({ after: from, limit });
    pages.push({ ...page, after: from });
    events.push(...page.events);
    from = page.checkpoint;
    if (page.events.length === 0) {
      if (events.length >= atLeast) return { events, pages };
      await sleep(10);
    }
  }
}
