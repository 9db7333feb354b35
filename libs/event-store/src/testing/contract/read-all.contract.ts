import { deepStrictEqual, ok } from 'node:assert/strict';
import type { Checkpoint, NewEvent, RecordedEvent } from '../../event-store.port.js';
import { START } from '../../event-store.port.js';
import { checkpointOf, compareCheckpoints } from '../../checkpoint.js';
import type { StoreAccess } from './fixtures.js';
import { eventIds, newEventIds, numbered, readAllEventually, streamId } from './fixtures.js';

/** Appends 25 events to three streams in batches of 1 to 4, returning them in append order. */
async function appendMixed(store: StoreAccess): Promise<NewEvent[]> {
  const streams = [streamId('all-a'), streamId('all-b'), streamId('all-c')];
  const appended: NewEvent[] = [];
  for (let i = 0; appended.length < 25; i += 1) {
    const events = numbered(
      'Counted',
      Math.min(1 + (i % 4), 25 - appended.length),
      appended.length + 1,
    );
    await store().append(streams[i % 3]!, events, { expectedVersion: 'any' });
    appended.push(...events);
  }
  return appended;
}

/** Reads everything after `from` in pages of `limit`, checking each page's checkpoint. */
async function readInPages(
  store: StoreAccess,
  from: Checkpoint,
  limit: number,
  atLeast: number,
): Promise<{ events: RecordedEvent[]; checkpoints: Checkpoint[] }> {
  const { events, pages } = await readAllEventually(store(), from, atLeast, limit);
  for (const page of pages) {
    ok(page.events.length <= limit);
    deepStrictEqual(
      page.checkpoint,
      page.events.length === 0 ? page.after : checkpointOf(page.events.at(-1)!),
    );
  }
  return { events, checkpoints: pages.filter((p) => p.events.length > 0).map((p) => p.checkpoint) };
}

/** Reading all events after a checkpoint, in commit order. */
export function readAllContract(store: StoreAccess): void {
  it('pages through all events in commit order', async () => {
    const appended = await appendMixed(store);
    const { events, checkpoints } = await readInPages(store, START, 7, 25);
    deepStrictEqual(eventIds(events), newEventIds(appended));
    ok(checkpoints.length >= 4, '25 events in pages of at most 7');
    for (let i = 1; i < events.length; i += 1)
      ok(
        compareCheckpoints(events[i - 1]!, events[i]!) < 0,
        'events are in strictly increasing commit order',
      );
  });

  it('reads exactly the events after any checkpoint', async () => {
    const appended = await appendMixed(store);
    const { events } = await readInPages(store, START, 100, 25);
    for (const cut of [0, 1, 9, 24]) {
      const rest = await readInPages(store, checkpointOf(events[cut]!), 4, 24 - cut);
      deepStrictEqual(eventIds(rest.events), newEventIds(appended.slice(cut + 1)));
    }
  });

  it('returns nothing and the same checkpoint when there is nothing new', async () => {
    const empty = await store().readAll({ after: START, limit: 10 });
    deepStrictEqual(empty, { events: [], checkpoint: START });
    await store().append(streamId('one'), numbered('Counted', 1), { expectedVersion: 'any' });
    const { pages } = await readAllEventually(store(), START, 1, 10);
    const checkpoint = pages.at(-1)!.checkpoint;
    deepStrictEqual(await store().readAll({ after: checkpoint, limit: 10 }), {
      events: [],
      checkpoint,
    });
  });

  it('keeps each stream in version order, also when appends with any race on one stream', async () => {
    const streams = Array.from({ length: 100 }, (_, i) => streamId(`race-${i}`));
    for (const id of streams) {
      await Promise.all(
        Array.from({ length: 8 }, () =>
          store().append(id, numbered('Raced', 1), { expectedVersion: 'any' }),
        ),
      );
    }
    const { events } = await readAllEventually(store(), START, 800, 1000);
    const lastVersion = new Map<string, number>();
    const outOfOrder = events.filter((e) => {
      const previous = lastVersion.get(e.streamId) ?? 0;
      lastVersion.set(e.streamId, e.streamVersion);
      return e.streamVersion !== previous + 1;
    });
    deepStrictEqual(outOfOrder, []);
    deepStrictEqual([...lastVersion.values()], new Array<number>(100).fill(8));
  });
}
