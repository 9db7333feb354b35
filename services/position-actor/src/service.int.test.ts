import { equal, ok } from 'node:assert/strict';
import { connectNatsBus, removeNatsNamespace, type Bus } from '@hoga/bus';
import { PostgresEventStore } from '@hoga/event-store';
import { createTestSchema, testNamespace, testNatsUrl, type TestSchema } from '@hoga/testkit';
import { streamIdOf } from './adapters/stored-position-event.js';
import { Harness } from './testing/harness.js';
import {
  assertLiveEqualsReplay,
  fillEntry,
  runImmediate,
  takeProfit,
} from './testing/happy-path.js';

describe('position-actor (PostgreSQL + NATS JetStream)', function () {
  this.timeout(30_000);
  let schema: TestSchema;
  let store: PostgresEventStore;
  let bus: Bus;
  let namespace: string;
  let h: Harness;

  before(async () => {
    schema = await createTestSchema('position_actor');
    store = new PostgresEventStore(schema.poolConfig);
    await store.migrate();
    namespace = testNamespace('position_actor');
    bus = await connectNatsBus({ servers: await testNatsUrl(), namespace });
  });
  after(async () => {
    await h.dispose();
    await bus.close();
    await removeNatsNamespace({ servers: await testNatsUrl(), namespace });
    await store.close();
    await schema.dispose();
  });

  it('trades the happy path through the outbox relay and JetStream, across a restart', async () => {
    h = await new Harness(bus, store).start(3);
    const id = await runImmediate(h);
    await fillEntry(h, id);
    await h.stop();
    ok((await store.loadSnapshot(streamIdOf(id))) !== undefined, 'a snapshot was saved');
    equal((await store.pendingOutbox(10)).length, 0, 'the relay drained the outbox on stop');
    await h.start(3);
    equal(h.service.rehydrated, 1);
    await assertLiveEqualsReplay(h, id);
    await takeProfit(h, id);
    await assertLiveEqualsReplay(h, id);
  });
});
