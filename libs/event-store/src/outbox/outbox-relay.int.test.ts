import { deepStrictEqual, rejects, strictEqual } from 'node:assert/strict';
import { connect, headers as natsHeaders } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager, PubAck } from '@nats-io/jetstream';
import { createTestSchema, testNamespace, testNatsUrl } from '@hoga/testkit';
import type { TestSchema } from '@hoga/testkit';
import type { NewOutboxMessage, OutboxMessage } from '../event-store.port.js';
import { PostgresEventStore } from '../postgres/postgres-event-store.js';
import { numbered, streamId } from '../testing/contract/fixtures.js';
import { OutboxRelay } from './outbox-relay.js';
import type { OutboxPublisher, OutboxStore } from './outbox-relay.js';

/**
 * What the relay's contract asks of a publisher, straight to JetStream: the row id as
 * `Nats-Msg-Id` (a second publish of a row within the duplicate window is a duplicate, not stored
 * twice), the row's headers as NATS headers. The services publish through `@hoga/bus`'s one
 * `BusOutboxPublisher` (ADR 0063); this test proves the relay against the server itself.
 */
class JetStreamOutboxPublisher implements OutboxPublisher {
  constructor(
    private readonly js: JetStreamClient,
    private readonly subjectPrefix: string,
  ) {}

  publish(message: OutboxMessage): Promise<PubAck> {
    const headers = natsHeaders();
    for (const [name, value] of Object.entries(message.headers)) headers.set(name, value);
    return this.js.publish(
      `${this.subjectPrefix}${message.subject}`,
      JSON.stringify(message.payload),
      {
        msgID: message.id,
        headers,
        timeout: 5000,
      },
    );
  }
}

/** Every message in the stream, as a consumer that deduplicates by `Nats-Msg-Id` receives them. */
async function consumeDeduplicated(
  js: JetStreamClient,
  stream: string,
): Promise<{ deliveries: number; handled: Map<string, unknown> }> {
  const consumer = await js.consumers.get(stream);
  const handled = new Map<string, unknown>();
  let deliveries = 0;
  for await (const message of await consumer.fetch({ max_messages: 100, expires: 1000 })) {
    deliveries += 1;
    const id = message.headers?.get('Nats-Msg-Id') ?? '';
    if (!handled.has(id))
      handled.set(id, {
        payload: message.json(),
        traceparent: message.headers?.get('traceparent'),
      });
  }
  return { deliveries, handled };
}

describe('OutboxRelay to JetStream', () => {
  let schema: TestSchema;
  let store: PostgresEventStore;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  let ns: string;
  let publisher: JetStreamOutboxPublisher;
  let outbox: NewOutboxMessage[];

  beforeEach(async () => {
    schema = await createTestSchema('event_store_relay');
    store = new PostgresEventStore(schema.poolConfig);
    await store.migrate();
    nc = await connect({ servers: await testNatsUrl() });
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
    ns = testNamespace('relay');
    await jsm.streams.add({ name: ns, subjects: [`${ns}.>`] });
    publisher = new JetStreamOutboxPublisher(js, `${ns}.`);
    outbox = ['o-1', 'o-2', 'o-3'].map((id) => ({
      id: `${ns}-${id}`,
      subject: 'test.outbox.cmd',
      payload: { orderId: id },
      headers: { traceparent: `00-${id}-01` },
    }));
    await store.append(streamId('position'), numbered('EntryOrderRequested', 1), {
      expectedVersion: 'no-stream',
      outbox: outbox.slice(0, 2),
    });
    await store.append(streamId('position'), numbered('ExitOrderRequested', 1), {
      expectedVersion: 'no-stream',
      outbox: outbox.slice(2),
    });
  });

  afterEach(async () => {
    await jsm.streams.delete(ns);
    await nc.close();
    await store.close();
    await schema.dispose();
  });

  async function expectExactlyOncePerId(): Promise<void> {
    strictEqual(
      (await jsm.streams.info(ns)).state.messages,
      3,
      'the stream holds one message per outbox id',
    );
    const { deliveries, handled } = await consumeDeduplicated(js, ns);
    strictEqual(deliveries, 3);
    deepStrictEqual(
      [...handled.entries()],
      outbox.map((m) => [m.id, { payload: m.payload, traceparent: m.headers!['traceparent'] }]),
    );
    deepStrictEqual(await store.pendingOutbox(10), []);
  }

  it('a crash after publishing and before marking sent publishes again, and JetStream drops the repeats', async () => {
    const acks: PubAck[] = [];
    const recording: OutboxPublisher = {
      publish: async (m: OutboxMessage) => acks.push(await publisher.publish(m)),
    };
    const crashingStore: OutboxStore = {
      pendingOutbox: (limit) => store.pendingOutbox(limit),
      recordOutboxFailure: (id, error) => store.recordOutboxFailure(id, error),
      markOutboxSent: async () => {
        throw new Error('killed before marking sent');
      },
    };
    await rejects(new OutboxRelay(crashingStore, recording).relayOnce(), /killed/);
    strictEqual((await store.pendingOutbox(10)).length, 3, 'still pending after the crash');

    const restarted = await new OutboxRelay(store, recording).relayOnce();
    strictEqual(restarted.published, 3);
    deepStrictEqual(
      acks.map((a) => a.duplicate),
      [false, false, false, true, true, true],
    );
    await expectExactlyOncePerId();
  });

  it('a publish whose acknowledgement is lost is retried and not stored twice', async () => {
    let lost = false;
    const ackLost: OutboxPublisher = {
      publish: async (m: OutboxMessage) => {
        await publisher.publish(m);
        if (m.id === outbox[1]!.id && !lost) {
          lost = true;
          throw new Error('timeout waiting for the ack');
        }
      },
    };
    const relay = new OutboxRelay(store, ackLost);
    const first = await relay.relayOnce();
    strictEqual(first.failed?.id, outbox[1]!.id);
    strictEqual((await store.pendingOutbox(10))[0]?.attempts, 1);
    await relay.relayOnce();
    await expectExactlyOncePerId();
  });
});
