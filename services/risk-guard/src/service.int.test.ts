import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { connectNatsBus, opsServiceName, removeNatsNamespace, type Bus } from '@hoga/bus';
import { OPS, subjects } from '@hoga/contracts';
import { PostgresEventStore } from '@hoga/event-store';
import { createLogger } from '@hoga/telemetry';
import {
  createTestSchema,
  eventually,
  testNamespace,
  testNatsUrl,
  type TestSchema,
} from '@hoga/testkit';
import { Svcm } from '@nats-io/services';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Harness, operator } from './testing/harness.js';
import { accountState, positionState, publishPosition } from './testing/samples.js';

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('risk-guard on real PostgreSQL and NATS', function () {
  this.timeout(30_000);
  const namespace = testNamespace('risk_guard');
  let schema: TestSchema;
  let servers: string;
  let store: PostgresEventStore;
  let bus: Bus;
  let nc: NatsConnection;

  before(async () => {
    schema = await createTestSchema('risk_guard');
    servers = await testNatsUrl();
    store = new PostgresEventStore({ ...schema.poolConfig, max: 4 });
    await store.migrate();
    bus = await connectNatsBus({
      servers,
      namespace,
      name: 'risk-guard-test',
      logger: createLogger({ service: 'test', sinks: [] }),
    });
    nc = await connect({ servers });
  });
  after(async () => {
    await bus.close();
    await nc.close();
    await store.close();
    await removeNatsNamespace({ servers, namespace }).catch(() => undefined);
    await schema.dispose();
  });

  it('a breach leaves HALTED in the KV across a restart of risk-guard; resume is the only way out', async () => {
    const first = await new Harness(bus, store).start();
    await bus.publish(subjects.accountState(), accountState('1000000'));
    await eventually(() => strictEqual(first.service.guard.state.lossLimit?.armed, true));
    await publishPosition(bus, positionState('pos-int', { volume: '0.01', unrealized: '-100000' }));
    await eventually(() => strictEqual(first.halts.length, 1));
    strictEqual(await first.kvState(), 'HALTED');
    await first.stop();
    await first.close();

    const second = await new Harness(bus, store).start();
    try {
      strictEqual(await second.kvState(), 'HALTED');
      strictEqual(second.service.guard.state.tradingState, 'HALTED');
      await bus.publish(subjects.accountState(), accountState('900000'));
      await eventually(() => ok(second.service.guard.equity !== undefined));
      deepStrictEqual(await second.ops('resume', operator('int-resume', 'reviewed')), {
        ok: true,
        state: 'ACTIVE',
      });
      await eventually(async () => strictEqual(await second.kvState(), 'ACTIVE'));
    } finally {
      await second.stop();
      await second.close();
    }
  });

  it('serves its ops as the NATS micro service hoga-risk-guard', async () => {
    const h = await new Harness(bus, store).start();
    try {
      const micro = new Svcm(nc as never).client();
      const infos = (await all(await micro.info(opsServiceName('risk-guard')))).filter(
        (i) => i.metadata?.['namespace'] === namespace,
      );
      strictEqual(infos.length, 1);
      deepStrictEqual(
        infos[0]?.endpoints.map((e) => e.name).sort(),
        Object.keys(OPS['risk-guard']).sort(),
      );
      const status = await h.ops('status', {});
      strictEqual(status['ok'], true);
    } finally {
      await h.stop();
      await h.close();
    }
  });
});
