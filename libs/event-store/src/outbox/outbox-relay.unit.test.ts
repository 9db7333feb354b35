import { deepStrictEqual, rejects, strictEqual } from 'node:assert/strict';
import type { NewOutboxMessage, OutboxMessage } from '../event-store.port.js';
import { InMemoryEventStore } from '../in-memory/in-memory-event-store.js';
import { numbered, streamId } from '../testing/contract/fixtures.js';
import { OutboxRelay } from './outbox-relay.js';
import type { OutboxPublisher, OutboxStore } from './outbox-relay.js';

const row = (id: string): NewOutboxMessage => ({
  id,
  subject: 'test.outbox.cmd',
  payload: { orderId: id },
  headers: { traceparent: `00-${id}-01` },
});

/** A publisher that records every publish and can be told to fail chosen attempts. */
class RecordingPublisher implements OutboxPublisher {
  readonly published: OutboxMessage[] = [];
  readonly #waiting: { n: number; resolve: () => void }[] = [];

  constructor(
    private readonly failWhen: (message: OutboxMessage, attempt: number) => boolean = () => false,
  ) {}

  async publish(message: OutboxMessage): Promise<void> {
    const attempt = this.published.filter((m) => m.id === message.id).length + 1;
    this.published.push(message);
    const done = this.#waiting.filter((w) => this.published.length >= w.n);
    for (const w of done) w.resolve();
    if (this.failWhen(message, attempt)) throw new Error(`bus down for ${message.id}`);
  }

  ids(): string[] {
    return this.published.map((m) => m.id);
  }

  /** Resolves once `n` publishes (successful or not) have happened. */
  until(n: number): Promise<void> {
    if (this.published.length >= n) return Promise.resolve();
    return new Promise((resolve) => this.#waiting.push({ n, resolve }));
  }
}

async function storeWith(...batches: string[][]): Promise<InMemoryEventStore> {
  const store = new InMemoryEventStore();
  for (const ids of batches)
    await store.append(streamId('relay'), numbered('OrderRequested', 1), {
      expectedVersion: 'any',
      outbox: ids.map(row),
    });
  return store;
}

describe('OutboxRelay', () => {
  it('publishes pending rows oldest first, as stored, and marks them sent', async () => {
    const store = await storeWith(['a', 'b'], ['c']);
    const publisher = new RecordingPublisher();
    const pass = await new OutboxRelay(store, publisher).relayOnce();
    deepStrictEqual(publisher.ids(), ['a', 'b', 'c']);
    deepStrictEqual(
      publisher.published.map((m) => [m.subject, m.payload, m.headers]),
      [
        ['test.outbox.cmd', { orderId: 'a' }, { traceparent: '00-a-01' }],
        ['test.outbox.cmd', { orderId: 'b' }, { traceparent: '00-b-01' }],
        ['test.outbox.cmd', { orderId: 'c' }, { traceparent: '00-c-01' }],
      ],
    );
    deepStrictEqual(
      { published: pass.published, failed: pass.failed, more: pass.more },
      { published: 3, failed: undefined, more: false },
    );
    deepStrictEqual(await store.pendingOutbox(10), []);
  });

  it('stops a pass at a failed publish, keeps that row pending with attempts + 1, and retries it first', async () => {
    const store = await storeWith(['a', 'b', 'c']);
    const publisher = new RecordingPublisher((m, attempt) => m.id === 'b' && attempt === 1);
    const errors: [unknown, OutboxMessage | undefined][] = [];
    const relay = new OutboxRelay(store, publisher, {
      onError: (error, message) => errors.push([error, message]),
    });

    const first = await relay.relayOnce();
    strictEqual(first.published, 1);
    strictEqual(first.failed?.id, 'b');
    deepStrictEqual(
      (await store.pendingOutbox(10)).map((m) => [m.id, m.attempts, m.lastError]),
      [
        ['b', 1, 'Error: bus down for b'],
        ['c', 0, null],
      ],
    );
    strictEqual(errors.length, 1);
    strictEqual(errors[0]![1]?.id, 'b');

    await relay.relayOnce();
    deepStrictEqual(publisher.ids(), ['a', 'b', 'b', 'c'], 'c is never published before b');
    deepStrictEqual(await store.pendingOutbox(10), []);
  });

  it('after a crash between publish and mark, publishes the rows again (at least once)', async () => {
    const store = await storeWith(['a', 'b']);
    const publisher = new RecordingPublisher();
    const crashing: OutboxStore = {
      pendingOutbox: (limit) => store.pendingOutbox(limit),
      recordOutboxFailure: (id, error) => store.recordOutboxFailure(id, error),
      markOutboxSent: async () => {
        throw new Error('process killed before the mark');
      },
    };
    await rejects(new OutboxRelay(crashing, publisher).relayOnce(), /killed/);
    deepStrictEqual(
      (await store.pendingOutbox(10)).map((m) => m.id),
      ['a', 'b'],
    );

    await new OutboxRelay(store, publisher).relayOnce();
    deepStrictEqual(publisher.ids(), ['a', 'b', 'a', 'b']);
    deepStrictEqual(await store.pendingOutbox(10), []);
  });

  it('relays in the background, woken early by wake(), until stopped', async () => {
    const store = new InMemoryEventStore();
    const publisher = new RecordingPublisher();
    const relay = new OutboxRelay(store, publisher, { pollMs: 3_600_000 });
    relay.start();
    await store.append(streamId('live'), numbered('OrderRequested', 1), {
      expectedVersion: 'any',
      outbox: [row('live-1')],
    });
    relay.wake();
    await publisher.until(1);
    await relay.stop();
    await store.append(streamId('live'), numbered('OrderRequested', 1), {
      expectedVersion: 'any',
      outbox: [row('after-stop')],
    });
    relay.wake();
    deepStrictEqual(publisher.ids(), ['live-1']);
    deepStrictEqual(
      (await store.pendingOutbox(10)).map((m) => m.id),
      ['after-stop'],
    );
  });

  it('reads batch after batch without waiting while full batches come back', async () => {
    const store = await storeWith(['a', 'b'], ['c', 'd'], ['e']);
    const publisher = new RecordingPublisher();
    const relay = new OutboxRelay(store, publisher, { batchSize: 2, pollMs: 3_600_000 });
    relay.start();
    await publisher.until(5);
    await relay.stop();
    deepStrictEqual(publisher.ids(), ['a', 'b', 'c', 'd', 'e']);
  });

  it('backs off after failed passes and delivers once the bus is back', async () => {
    const store = await storeWith(['a']);
    const publisher = new RecordingPublisher((_, attempt) => attempt <= 3);
    const relay = new OutboxRelay(store, publisher, { pollMs: 1, maxBackoffMs: 4 });
    relay.start();
    await publisher.until(4);
    await relay.stop();
    deepStrictEqual(publisher.ids(), ['a', 'a', 'a', 'a']);
    deepStrictEqual(await store.pendingOutbox(10), []);
  });

  describe('offer: the fast path for rows just committed', () => {
    /** The store, counting reads of the outbox table. */
    const counting = (store: InMemoryEventStore) => {
      const counter = { reads: 0 };
      const wrapped: OutboxStore = {
        pendingOutbox: (limit) => {
          counter.reads += 1;
          return store.pendingOutbox(limit);
        },
        markOutboxSent: (ids) => store.markOutboxSent(ids),
        recordOutboxFailure: (id, error) => store.recordOutboxFailure(id, error),
      };
      return { wrapped, counter };
    };
    const commit = (store: InMemoryEventStore, ...ids: string[]) =>
      store.append(streamId('offer'), numbered('OrderRequested', 1), {
        expectedVersion: 'any',
        outbox: ids.map(row),
      });

    it('publishes offered rows at once, without reading the table, and marks them sent', async () => {
      const store = new InMemoryEventStore();
      const { wrapped, counter } = counting(store);
      const publisher = new RecordingPublisher();
      const relay = new OutboxRelay(wrapped, publisher, { pollMs: 3_600_000 });
      relay.start();
      await relay.relayOnce(); // the start-up pass found the table empty
      const reads = counter.reads;
      await commit(store, 'x1', 'x2');
      relay.offer([row('x1'), row('x2')]);
      await publisher.until(2);
      await relay.stop();
      deepStrictEqual(publisher.ids(), ['x1', 'x2']);
      strictEqual(counter.reads, reads, 'no read of the outbox table');
      deepStrictEqual(await store.pendingOutbox(10), []);
    });

    it('never overtakes an older row still pending: after a failure the loop keeps the order', async () => {
      const store = await storeWith(['a']);
      const publisher = new RecordingPublisher((m, attempt) => m.id === 'a' && attempt === 1);
      const relay = new OutboxRelay(store, publisher, { pollMs: 1, maxBackoffMs: 2 });
      relay.start();
      await publisher.until(1); // a failed: it stays pending
      await commit(store, 'b');
      relay.offer([row('b')]);
      await publisher.until(3);
      await relay.stop();
      deepStrictEqual(publisher.ids(), ['a', 'a', 'b']);
      deepStrictEqual(await store.pendingOutbox(10), []);
    });

    it('does not publish again rows a pass has already published', async () => {
      const store = new InMemoryEventStore();
      const publisher = new RecordingPublisher();
      const relay = new OutboxRelay(store, publisher, { pollMs: 3_600_000 });
      relay.start();
      await commit(store, 'p1');
      await relay.relayOnce(); // a pass got there first
      relay.offer([row('p1')]);
      await relay.relayOnce();
      await relay.stop();
      deepStrictEqual(publisher.ids(), ['p1']);
    });

    /** The store, its marks held until the test releases them (or fails them). */
    const holdingMarks = (store: InMemoryEventStore) => {
      const held: { ids: readonly string[]; release: (fail?: boolean) => void }[] = [];
      const counter = { reads: 0 };
      const wrapped: OutboxStore = {
        pendingOutbox: (limit) => {
          counter.reads += 1;
          return store.pendingOutbox(limit);
        },
        markOutboxSent: (ids) =>
          new Promise<void>((resolve, reject) =>
            held.push({
              ids,
              release: (fail) =>
                fail ? reject(new Error('database gone')) : resolve(store.markOutboxSent(ids)),
            }),
          ),
        recordOutboxFailure: (id, error) => store.recordOutboxFailure(id, error),
      };
      return { wrapped, held, counter };
    };

    it('an offer does not wait for the mark of the offer before it; the marks follow in the background', async () => {
      const store = new InMemoryEventStore();
      const { wrapped, held } = holdingMarks(store);
      const publisher = new RecordingPublisher();
      const relay = new OutboxRelay(wrapped, publisher, { pollMs: 3_600_000 });
      relay.start();
      await relay.relayOnce(); // the start-up pass found the table empty
      await commit(store, 'o1');
      relay.offer([row('o1')]);
      await publisher.until(1);
      await commit(store, 'o2');
      relay.offer([row('o2')]);
      await publisher.until(2); // published while o1's mark is still held
      await new Promise((r) => setImmediate(r));
      deepStrictEqual(publisher.ids(), ['o1', 'o2']);
      deepStrictEqual(
        held.map((h) => h.ids),
        [['o1']],
      );
      held[0]!.release();
      await new Promise((r) => setImmediate(r));
      deepStrictEqual(
        held.map((h) => h.ids),
        [['o1'], ['o2']],
      );
      held[1]!.release();
      await relay.stop();
      deepStrictEqual(await store.pendingOutbox(10), []);
    });

    it('a pass waits for the marks in flight before it reads, so it publishes nothing twice', async () => {
      const store = new InMemoryEventStore();
      const { wrapped, held, counter } = holdingMarks(store);
      const publisher = new RecordingPublisher();
      const relay = new OutboxRelay(wrapped, publisher, { pollMs: 3_600_000 });
      relay.start();
      await relay.relayOnce(); // the start-up pass found the table empty
      const reads = counter.reads;
      await commit(store, 'm1');
      relay.offer([row('m1')]);
      await publisher.until(1);
      const pass = relay.relayOnce();
      await new Promise((r) => setImmediate(r));
      strictEqual(counter.reads, reads, 'the pass has not read the table yet');
      held[0]!.release();
      deepStrictEqual(await pass, { published: 0, failed: undefined, more: false });
      await relay.stop();
      deepStrictEqual(publisher.ids(), ['m1']);
    });

    it('a failed mark leaves the row pending: the next pass publishes it again (at least once)', async () => {
      const store = new InMemoryEventStore();
      const { wrapped, held } = holdingMarks(store);
      const publisher = new RecordingPublisher();
      const errors: unknown[] = [];
      const relay = new OutboxRelay(wrapped, publisher, {
        pollMs: 3_600_000,
        onError: (e) => errors.push(e),
      });
      relay.start();
      await relay.relayOnce(); // the start-up pass found the table empty
      await commit(store, 'f1');
      relay.offer([row('f1')]);
      await publisher.until(1);
      await new Promise((r) => setImmediate(r)); // its mark is in flight
      held[0]!.release(true);
      await publisher.until(2); // the failure woke the loop, whose pass found f1 pending
      await new Promise((r) => setImmediate(r)); // the pass marks it
      deepStrictEqual(
        held.map((h) => h.ids),
        [['f1'], ['f1']],
      );
      held[1]!.release();
      await relay.stop();
      strictEqual(errors.length, 1);
      deepStrictEqual(publisher.ids(), ['f1', 'f1']);
      deepStrictEqual(await store.pendingOutbox(10), []);
    });

    it('before start or after stop an offer publishes nothing: the rows wait in the table', async () => {
      const store = new InMemoryEventStore();
      const publisher = new RecordingPublisher();
      const relay = new OutboxRelay(store, publisher, { pollMs: 3_600_000 });
      await commit(store, 'early');
      relay.offer([row('early')]);
      await relay.stop();
      deepStrictEqual(publisher.ids(), []);
      deepStrictEqual(
        (await store.pendingOutbox(10)).map((m) => m.id),
        ['early'],
      );
    });
  });
});
