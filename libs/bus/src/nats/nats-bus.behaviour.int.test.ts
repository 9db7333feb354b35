import { coreRoute, streamRoute, type KvRoute } from '@hoga/contracts';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { testNamespace, testNatsUrl } from '@hoga/testkit';
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { isBusTransportError } from '../bus.errors.js';
import type { Bus } from '../bus.port.js';
import { Namespace } from '../namespace.js';
import {
  Inbox,
  ping,
  PingC,
  rejectsWith,
  streamSpec,
  text,
  type Ping,
} from '../testing/contract/fixtures.js';
import { recordingLogger } from '../testing/recording-logger.js';
import { connectNatsBus } from './nats-bus.js';
import { removeNatsNamespace } from './nats-namespace-cleanup.js';

describe('NATS bus: what only a real server shows', () => {
  let servers: string;
  let namespace: string;
  let ns: Namespace;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const buses: Bus[] = [];
  const open = async () => {
    const bus = await connectNatsBus({ servers, namespace, logger: recordingLogger() });
    buses.push(bus);
    return bus;
  };

  before(async () => {
    servers = await testNatsUrl();
    namespace = testNamespace('bus_nats');
    ns = new Namespace(namespace);
    nc = await connect({ servers });
    jsm = await jetstreamManager(nc);
  });
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((b) => b.close()));
  });
  after(async () => {
    await nc.close();
    await removeNatsNamespace({ servers, namespace });
  });

  it('puts the namespace on the wire: subjects, stream names and bucket names', async () => {
    const bus = await open();
    const wire = new Inbox<string>();
    const sub = nc.subscribe(`${namespace}.wire.>`, { callback: (_e, m) => wire.push(m.subject) });
    await nc.flush();
    await bus.publish(coreRoute('wire.ping', PingC), ping(1));
    deepStrictEqual(await wire.atLeast(1), [`${namespace}.wire.ping`]);
    sub.unsubscribe();
    await bus.publishDurable(
      streamRoute('wire.orders', PingC, streamSpec('ORDERS', ['wire.orders'])),
      ping(1),
      { msgId: 'a' },
    );
    deepStrictEqual((await jsm.streams.info(ns.streamName('ORDERS'))).config.subjects, [
      `${namespace}.wire.orders`,
    ]);
    ok(ns.streamName('ORDERS').startsWith(namespace.toUpperCase()));
    await bus.kv({ bucket: 'risk', codec: PingC, history: 1 });
    strictEqual((await jsm.streams.info(`KV_${namespace}_risk`)).config.max_msgs_per_subject, 1);
  });

  it('creates streams, consumers and buckets idempotently, and updates them to a changed declaration', async () => {
    const spec = streamSpec('IDEM', ['idem.>']);
    const route = streamRoute('idem.ping', PingC, spec);
    const [a, b] = [await open(), await open()];
    const options = { durable: 'd', ackWaitMs: 1_000, maxDeliver: 3 };
    await Promise.all([
      a.consume(route, options, async (d) => d.ack()),
      b.consume(route, options, async (d) => d.ack()),
    ]);
    await (
      await open()
    ).consume(route, { ...options, ackWaitMs: 2_000, maxDeliver: 7 }, async (d) => d.ack());
    const consumer = await jsm.consumers.info(ns.streamName('IDEM'), 'd');
    deepStrictEqual([consumer.config.ack_wait, consumer.config.max_deliver], [2_000_000_000, 8]);
    await (
      await open()
    ).publishDurable(
      streamRoute('idem.ping', PingC, { ...spec, duplicateWindowMs: 5_000 }),
      ping(1),
      { msgId: 'x' },
    );
    strictEqual(
      (await jsm.streams.info(ns.streamName('IDEM'))).config.duplicate_window,
      5_000_000_000,
    );
    const bucket: KvRoute<Ping> = { bucket: 'idem', codec: PingC, history: 1 };
    await Promise.all([a.kv(bucket), b.kv(bucket)]);
    await a.kv({ ...bucket, history: 5 });
    strictEqual((await jsm.streams.info(`KV_${namespace}_idem`)).config.max_msgs_per_subject, 5);
  });

  it('re-creates a stream deleted behind its back on the next durable publish', async () => {
    const route = streamRoute('gone.ping', PingC, streamSpec('GONE', ['gone.>']));
    const bus = await open();
    await bus.publishDurable(route, ping(1), { msgId: '1' });
    await jsm.streams.delete(ns.streamName('GONE'));
    const ack = await bus.publishDurable(route, ping(2), { msgId: '2' });
    deepStrictEqual(ack, { sequence: 1, duplicate: false });
    const stored = await jsm.streams.getMessage(ns.streamName('GONE'), { seq: 1 });
    deepStrictEqual(JSON.parse(text(stored!.data)), ping(2));
  });

  it('fails to connect with BusTransportError', async () => {
    await rejectsWith(
      connectNatsBus({ servers: 'nats://127.0.0.1:1', namespace, logger: recordingLogger() }),
      isBusTransportError,
    );
  });
});
