import { deepStrictEqual, strictEqual, throws } from 'node:assert/strict';
import { START } from '../event-store.port.js';
import type { ReadAllOptions } from '../event-store.port.js';
import { InMemoryEventStore } from '../in-memory/in-memory-event-store.js';
import { collector, numbered, streamId } from '../testing/contract/fixtures.js';
import { CatchUpSubscriptions } from './catch-up-subscriptions.js';

describe('CatchUpSubscriptions', () => {
  it('reports a failed read, reads again and delivers without loss', async () => {
    const store = new InMemoryEventStore();
    await store.append(streamId('flaky'), numbered('Counted', 3), { expectedVersion: 'any' });
    let failures = 2;
    const subscriptions = new CatchUpSubscriptions(async (options: ReadAllOptions) => {
      if (failures > 0) {
        failures -= 1;
        throw new Error('connection refused');
      }
      return store.readAll(options);
    });
    const errors: unknown[] = [];
    const seen = collector();
    const subscription = subscriptions.start(START, seen.handler, {
      pollMs: 1,
      onReadError: (e) => errors.push(e),
    });
    await seen.until(3);
    await subscription.unsubscribe();
    strictEqual(errors.length, 2);
    deepStrictEqual(
      seen.events.map((e) => e.streamVersion),
      [1, 2, 3],
    );
  });

  it('refuses a batch size that is not a positive integer', () => {
    const subscriptions = new CatchUpSubscriptions(async () => ({ events: [], checkpoint: START }));
    throws(() => subscriptions.start(START, async () => undefined, { batchSize: 0 }), RangeError);
  });

  it('stopAll ends every subscription', async () => {
    const subscriptions = new CatchUpSubscriptions(async () => ({ events: [], checkpoint: START }));
    const a = subscriptions.start(START, async () => undefined, { pollMs: 3_600_000 });
    const b = subscriptions.start(START, async () => undefined, { pollMs: 3_600_000 });
    await subscriptions.stopAll();
    await Promise.all([a.done, b.done]);
  });
});
