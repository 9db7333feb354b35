import { deepStrictEqual, equal } from 'node:assert/strict';
import { InMemoryEventStore, type RecordedEvent } from '@hoga/event-store';
import { createLogger } from '@hoga/telemetry';
import { DoneWatcher } from './done-watch.js';

const logger = createLogger({ service: 'test', sinks: [] });
let n = 0;
const event = (type: string, commandId: string | null) => ({
  type,
  data: { commandId },
  metadata: {
    eventId: `e-${++n}`,
    occurredAt: '2026-12-06T00:00:00.000Z',
    causationId: null,
    correlationId: `e-${n}`,
  },
});
const carries = (id: string) => (e: RecordedEvent) =>
  (e.data as { commandId: unknown }).commandId === id;

describe('DoneWatcher', () => {
  const settings = { waitMs: 300, pollMs: 10, maxWatches: 10 };

  it('settles with the first event that carries the command, stored after the watch began', async () => {
    const store = new InMemoryEventStore();
    await store.append('risk', [event('Other', 'x')], { expectedVersion: 'any' });
    const watcher = new DoneWatcher(store, settings, logger);
    const seen = watcher.watch({ streamId: 'risk', fromVersion: 1, matches: carries('c1') });
    setTimeout(
      () => void store.append('risk', [event('Halted', 'c1')], { expectedVersion: 'any' }),
      30,
    );
    const found = await seen;
    deepStrictEqual([found?.type, found?.streamVersion], ['Halted', 2]);
    equal(watcher.size, 0);
  });

  it('finds an event stored before the watch began when it is within the watched versions', async () => {
    const store = new InMemoryEventStore();
    await store.append('p', [event('Paused', 'c1'), event('Other', null)], {
      expectedVersion: 'any',
    });
    const watcher = new DoneWatcher(store, settings, logger);
    equal(
      (await watcher.watch({ streamId: 'p', fromVersion: 1, matches: carries('c1') }))?.type,
      'Paused',
    );
    equal(
      await watcher.watch({ streamId: 'p', fromVersion: 2, matches: carries('c1') }),
      undefined,
    );
  });

  it('settles undefined when nothing matches within the wait, and at once beyond its watch limit', async () => {
    const store = new InMemoryEventStore();
    const watcher = new DoneWatcher(store, { ...settings, maxWatches: 1 }, logger);
    const started = Date.now();
    const first = watcher.watch({ streamId: 's', fromVersion: 1, matches: carries('never') });
    equal(await watcher.watch({ streamId: 's', fromVersion: 1, matches: carries('x') }), undefined);
    equal(await first, undefined);
    const waited = Date.now() - started;
    equal(waited >= 300 && waited < 2_000, true, `waited ${waited} ms`);
  });

  it('stop settles every watch unseen', async () => {
    const watcher = new DoneWatcher(
      new InMemoryEventStore(),
      { ...settings, waitMs: 60_000 },
      logger,
    );
    const pending = watcher.watch({ streamId: 's', fromVersion: 1, matches: () => true });
    watcher.stop();
    equal(await pending, undefined);
  });
});
