import { deepStrictEqual, rejects, strictEqual } from 'node:assert/strict';
import { START } from '../../event-store.port.js';
import { checkpointOf } from '../../checkpoint.js';
import type { StoreAccess } from './fixtures.js';
import {
  collector,
  eventIds,
  newEventIds,
  numbered,
  readAllEventually,
  streamId,
} from './fixtures.js';

/** Catch-up subscriptions: history, then live events, in order, each once. */
export function subscribeContract(store: StoreAccess): void {
  it('delivers history then live events, each once, in order', async () => {
    const a = streamId('sub-a');
    const b = streamId('sub-b');
    const history = [...numbered('Counted', 3), ...numbered('Counted', 2, 4)];
    await store().append(a, history.slice(0, 3), { expectedVersion: 'no-stream' });
    await store().append(b, history.slice(3), { expectedVersion: 'no-stream' });
    const seen = collector();
    const subscription = store().subscribe(START, seen.handler, { batchSize: 2, pollMs: 10 });
    await seen.until(5);
    const live = [...numbered('Counted', 1, 6), ...numbered('Counted', 3, 7)];
    await store().append(a, live.slice(0, 1), { expectedVersion: 3 });
    await store().append(b, live.slice(1), { expectedVersion: 2 });
    await seen.until(9);
    await subscription.unsubscribe();
    await subscription.done;
    deepStrictEqual(eventIds(seen.events), newEventIds([...history, ...live]));

    const after = numbered('Counted', 1, 10);
    await store().append(a, after, { expectedVersion: 'any' });
    strictEqual(seen.events.length, 9, 'nothing is delivered after unsubscribe');
    const rest = await readAllEventually(store(), checkpointOf(seen.events.at(-1)!), 1);
    deepStrictEqual(
      eventIds(rest.events),
      newEventIds(after),
      'the last delivered checkpoint resumes exactly after it',
    );
  });

  it('starts after the given checkpoint', async () => {
    const events = numbered('Counted', 5);
    const id = streamId('from');
    await store().append(id, events, { expectedVersion: 'any' });
    const read = await store().readStream(id);
    const seen = collector();
    const subscription = store().subscribe(checkpointOf(read[2]!), seen.handler, { pollMs: 10 });
    await seen.until(2);
    await subscription.unsubscribe();
    deepStrictEqual(eventIds(seen.events), newEventIds(events.slice(3)));
  });

  it('stops at a failing handler and rejects done with its error', async () => {
    await store().append(streamId('fail'), numbered('Counted', 3), { expectedVersion: 'any' });
    const delivered: number[] = [];
    const failure = new Error('projection broke');
    const subscription = store().subscribe(
      START,
      async (event) => {
        delivered.push(event.streamVersion);
        if (event.streamVersion === 2) throw failure;
      },
      { pollMs: 10 },
    );
    await rejects(subscription.done, (e) => e === failure);
    await store().append(streamId('fail-more'), numbered('Counted', 1), { expectedVersion: 'any' });
    await subscription.unsubscribe();
    deepStrictEqual(delivered, [1, 2]);
  });

  it('close() stops running subscriptions', async () => {
    const seen = collector();
    const subscription = store().subscribe(START, seen.handler, { pollMs: 10 });
    await store().append(streamId('close'), numbered('Counted', 1), { expectedVersion: 'any' });
    await seen.until(1);
    await store().close();
    await subscription.done;
    strictEqual(seen.events.length, 1);
  });
}
