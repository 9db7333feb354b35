import { OPS, subjects } from '@hoga/contracts';
import { testNamespace, testNatsUrl } from '@hoga/testkit';
import { Svcm, type ServiceClient } from '@nats-io/services';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import type { Bus } from '../bus.port.js';
import { Namespace } from '../namespace.js';
import { connectNatsBus } from '../nats/nats-bus.js';
import { recordingLogger } from '../testing/recording-logger.js';
import type { OpsServer } from './ops-handlers.js';
import { serveOps } from './serve-ops.js';
import { fakePositionActor } from './testing/fake-position-actor.js';

/** Everything a discovery iterator yields. */
async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('serveOps on NATS: what `nats micro` and `nats req` see', () => {
  const namespace = testNamespace('ops_discovery');
  const ns = new Namespace(namespace);
  let bus: Bus;
  let nc: NatsConnection;
  let micro: ServiceClient;
  let server: OpsServer;
  let fake: ReturnType<typeof fakePositionActor>;

  before(async () => {
    const servers = await testNatsUrl();
    bus = await connectNatsBus({ servers, namespace, name: 'ops-discovery' });
    nc = await connect({ servers });
    // The services client bundles older nats-core types; the connection is the same protocol.
    micro = new Svcm(nc as never).client();
    fake = fakePositionActor();
    server = await serveOps(bus, 'position-actor', fake.handlers, {
      version: '1.2.3',
      logger: recordingLogger(),
    });
  });
  after(async () => {
    await server.stop();
    await bus.close();
    await nc.close();
  });

  it('answers $SRV.PING with the service name, id and version', async () => {
    const found = (await all(await micro.ping('hoga-position-actor'))).filter(
      (p) => p.id === server.id,
    );
    strictEqual(found.length, 1);
    strictEqual(found[0]?.version, '1.2.3');
  });

  it('lists every verb of the catalog on exactly its registry subject in $SRV.INFO', async () => {
    const [info] = await all(await micro.info('hoga-position-actor', server.id));
    ok(info);
    strictEqual(info.description, 'hoga position-actor operator endpoints');
    deepStrictEqual(info.metadata?.['namespace'], namespace);
    const endpoints = info.endpoints.map((e) => [e.name, e.subject]).sort();
    const expected = Object.keys(OPS['position-actor'])
      .map((verb) => [verb, ns.subject(subjects.ops('position-actor', verb as 'list').subject)])
      .sort();
    deepStrictEqual(endpoints, expected);
  });

  it('answers a raw JSON request, as `nats req` sends it, and counts it in $SRV.STATS', async () => {
    const subject = ns.subject(subjects.ops('position-actor', 'list').subject);
    const body = {
      id: 'req-1',
      type: 'ListPositions',
      occurredAt: '2026-11-23T10:00:00.000Z',
      causationId: null,
      correlationId: 'req-1',
      data: { statuses: null, market: null },
    };
    const reply = (await nc.request(subject, json(body))).json<{
      ok: boolean;
      positions: unknown[];
    }>();
    strictEqual(reply.ok, true);
    strictEqual(reply.positions.length, 1);
    const [stats] = await all(await micro.stats('hoga-position-actor', server.id));
    const list = stats?.endpoints?.find((e) => e.name === 'list');
    strictEqual(list?.num_requests, 1);
    strictEqual(list?.num_errors, 0);
  });

  it('answers bad-request to a body that is not JSON, without calling the handler', async () => {
    const calls = fake.calls.length;
    const subject = ns.subject(subjects.ops('position-actor', 'close').subject);
    const reply = (await nc.request(subject, new TextEncoder().encode('{not json'))).json<{
      ok: boolean;
      error: { code: string; message: string };
    }>();
    strictEqual(reply.ok, false);
    strictEqual(reply.error.code, 'bad-request');
    ok(reply.error.message.startsWith('the request is not JSON'), reply.error.message);
    strictEqual(fake.calls.length, calls);
  });

  it('answers bad-request to an empty body (`nats req SUBJECT ""`)', async () => {
    const subject = ns.subject(subjects.ops('position-actor', 'list').subject);
    const reply = (await nc.request(subject, new Uint8Array())).json<{ error: { code: string } }>();
    strictEqual(reply.error.code, 'bad-request');
  });
});
