import { deepStrictEqual, ok, rejects, strictEqual } from 'node:assert/strict';
import {
  connectNatsBus,
  createInProcessBroker,
  createInProcessBus,
  isBusNoRespondersError,
  opsServiceName,
  removeNatsNamespace,
  type Bus,
} from '@hoga/bus';
import { subjects } from '@hoga/contracts';
import { PostgresEventStore } from '@hoga/event-store';
import { leaseKey } from '@hoga/leases';
import { createLogger } from '@hoga/telemetry';
import {
  createTestSchema,
  eventually,
  testNamespace,
  testNatsUrl,
  type TestSchema,
} from '@hoga/testkit';
import { Svcm } from '@nats-io/services';
import { connect } from '@nats-io/transport-node';
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { LEADER_LOCK } from './app/leadership.js';
import { CrashableLeaseBackend } from '@hoga/leases/testing';
import { Harness, operator } from './testing/harness.js';
import { recordingAppends } from './testing/recording-store.js';
import {
  accountState,
  positionState,
  publishPosition,
  publishTick,
  tick,
} from './testing/samples.js';

const silent = createLogger({ service: 'test', sinks: [] });
const count = (types: string[], type: string) => types.filter((t) => t === type).length;
/** The first `{ ok: true }` status reply (the old leader's ops may take a moment to stop). */
const answered = (h: Harness) =>
  eventually(async () => {
    const reply = await h.ops('status', {});
    strictEqual(reply['ok'], true, JSON.stringify(reply));
    return reply;
  });

/** One risk-guard process of the test: its harness, lease, appends and breach detections. */
interface Instance {
  readonly h: Harness;
  readonly lease: CrashableLeaseBackend;
  readonly appends: string[];
  readonly breaches: { count: number };
}

describe('risk-guard leadership (PostgreSQL leader lease, two instances)', function () {
  this.timeout(40_000);
  let schema: TestSchema;
  let store: PostgresEventStore;
  const buses: Bus[] = [];
  const instances: Instance[] = [];
  // Advisory locks are database-wide: a class of our own keeps other suites' leases apart.
  let classId: number;

  beforeEach(async () => {
    classId = 0x30000000 + Math.floor(Math.random() * 0x0fffffff);
    schema = await createTestSchema('risk_leader');
    store = new PostgresEventStore({ ...schema.poolConfig, max: 4 });
    await store.migrate();
  });
  afterEach(async () => {
    for (const i of instances.splice(0)) {
      await i.h.stop().catch(() => undefined);
      await i.h.close();
    }
    for (const b of buses.splice(0)) await b.close();
    await store.close();
    await schema.dispose();
  });

  async function instance(name: string, bus: Bus): Promise<Instance> {
    const lease = new CrashableLeaseBackend({ connectionString: schema.connectionString }, classId);
    const recorded = recordingAppends(store);
    const breaches = { count: 0 };
    const h = await new Harness(bus, recorded.store).start({
      instanceId: name,
      leadership: { leases: lease, retryMs: 50 },
      onBreachDetected: () => void (breaches.count += 1),
    });
    const made = { h, lease, appends: recorded.appends, breaches };
    instances.push(made);
    return made;
  }
  const inProcess = () => {
    const broker = createInProcessBroker();
    return () => {
      const bus = createInProcessBus({ broker, logger: silent });
      buses.push(bus);
      return bus;
    };
  };

  it('only one of two instances leads; a breach is recorded exactly once', async () => {
    const bus = inProcess();
    const a = await instance('a', bus());
    const b = await instance('b', bus());
    deepStrictEqual(
      [a.h.service.isLeader(), b.h.service.isLeader()],
      [true, false],
      'the first to try leads',
    );
    await b.h.bus.publish(subjects.accountState(), accountState('1000000'));
    await eventually(() => strictEqual(a.h.service.guard.state.lossLimit?.armed, true));

    await publishPosition(
      b.h.bus,
      positionState('pos-1', { volume: '0.01', unrealized: '-120000' }),
    );
    await eventually(() =>
      strictEqual(a.h.alerts.filter((x) => x.data.severity === 'urgent').length, 1),
    );
    await eventually(() => strictEqual(b.h.service.guard.portfolio.holdingPositions, 1));

    const types = await a.h.streamTypes();
    strictEqual(count(types, 'LossLimitBreached'), 1);
    strictEqual(count(types, 'TradingStateChanged'), 1);
    strictEqual(a.h.halts.length, 1, 'one RiskHalt');
    strictEqual(b.h.halts.length, 1, 'the same one, seen by the other subscriber');
    strictEqual(a.h.alerts.filter((x) => x.data.severity === 'urgent').length, 1);
    deepStrictEqual([a.breaches.count, b.breaches.count], [1, 0]);
    deepStrictEqual(b.appends, [], 'the standby appends nothing');
    strictEqual(await a.h.kvState(), 'HALTED');
  });

  it('a crashed leader hands over to the standby, which then detects a breach; the old leader never appends', async () => {
    const bus = inProcess();
    const a = await instance('a', bus());
    const b = await instance('b', bus());
    await a.h.bus.publish(subjects.accountState(), accountState('1000000'));
    await eventually(() => strictEqual(a.h.service.guard.state.lossLimit?.armed, true));
    await publishPosition(a.h.bus, positionState('pos-2', { volume: '0.01', unrealized: '0' }));
    await eventually(() => strictEqual(b.h.service.guard.portfolio.holdingPositions, 1));
    const before = a.appends.length;
    deepStrictEqual((await b.h.ops('status', {}))['leader'], {
      instanceId: 'a',
      since: '2026-11-23T10:00:00.000Z',
    });

    b.h.clock.advance(120_000);
    await a.lease.crash();
    await eventually(() => strictEqual(a.h.service.guard.active, false));
    await eventually(() => strictEqual(b.h.service.isLeader(), true));
    strictEqual(a.h.service.isLeader(), false);
    strictEqual(b.h.service.guard.state.lossLimit?.armed, true, 'the limit, from the stream');
    // The new leader answers, whichever bus asks (the old one's ops may take a moment to stop).
    await answered(b.h);
    const leader = { instanceId: 'b', since: '2026-11-23T10:02:00.000Z' };
    deepStrictEqual((await answered(a.h))['leader'], leader, 'named after the hand-over');
    deepStrictEqual(b.h.service.leader(), leader);
    strictEqual(a.h.service.leader(), undefined);

    // 0.01 BTC from 100,000,000 to 80,000,000: -200,000 x 0.9995, over 10 % of 1,000,000.
    // A 20 % move: the tick gate (ADR 0024) takes it on its third trade.
    for (let n = 0; n < 3; n++) await publishTick(a.h.bus, tick('80000000'));
    await eventually(() => strictEqual(b.h.halts.length, 1));
    await eventually(() =>
      strictEqual(a.h.service.guard.portfolio.unrealizedPnl.toString(), '-199900'),
    );
    const types = await b.h.streamTypes();
    strictEqual(count(types, 'LossLimitBreached'), 1);
    deepStrictEqual([a.breaches.count, b.breaches.count], [0, 1]);
    deepStrictEqual(a.appends.slice(before), [], 'the old leader appended nothing');
    const refused = await a.h.service.guard.halt({ ...operator('old-halt'), reason: 'test' });
    strictEqual(E.isLeft(refused) && refused.left.code, 'not-leader');
    strictEqual(await b.h.kvState(), 'HALTED');
  });

  it('a standby answers no ops while another session holds the lease, and leads once it is free', async () => {
    const holder = new pg.Client({ connectionString: schema.connectionString });
    await holder.connect();
    try {
      await holder.query('select pg_advisory_lock($1::bigint)', [leaseKey(classId, LEADER_LOCK)]);
      const b = await instance('b', inProcess()());
      strictEqual(b.h.service.isLeader(), false);
      await rejects(b.h.ops('status', {}), isBusNoRespondersError);
      strictEqual(await b.h.kvState(), undefined);
      await holder.end();
      await eventually(() => strictEqual(b.h.service.isLeader(), true));
      strictEqual((await b.h.ops('status', {}))['ok'], true);
      strictEqual(await b.h.kvState(), 'ACTIVE');
    } finally {
      await holder.end().catch(() => undefined);
    }
  });

  it('on NATS only the leader is the micro service hoga-risk-guard, before and after a hand-over', async () => {
    const servers = await testNatsUrl();
    const namespace = testNamespace('risk_leader');
    const nc = await connect({ servers });
    const natsBus = async (name: string) => {
      const bus = await connectNatsBus({ servers, namespace, name, logger: silent });
      buses.push(bus);
      return bus;
    };
    const listed = async () => {
      const infos: unknown[] = [];
      const micro = new Svcm(nc as never).client();
      for await (const i of await micro.info(opsServiceName('risk-guard')))
        if (i.metadata?.['namespace'] === namespace) infos.push(i);
      return infos.length;
    };
    try {
      const a = await instance('a', await natsBus('risk-guard-a'));
      const b = await instance('b', await natsBus('risk-guard-b'));
      strictEqual(await listed(), 1);
      const status = await b.h.ops('status', {});
      strictEqual(status['ok'], true, 'answered by the leader');
      strictEqual((status['leader'] as { instanceId: string }).instanceId, 'a');
      await a.lease.crash();
      await eventually(() => strictEqual(b.h.service.isLeader(), true));
      const after = await answered(a.h);
      strictEqual((after['leader'] as { instanceId: string }).instanceId, 'b', 'the new leader');
      await eventually(async () => strictEqual(await listed(), 1), 5000);
      ok(!a.h.service.isLeader());
    } finally {
      for (const i of instances.splice(0)) {
        await i.h.stop().catch(() => undefined);
        await i.h.close();
      }
      for (const bus of buses.splice(0)) await bus.close();
      await nc.close();
      await removeNatsNamespace({ servers, namespace }).catch(() => undefined);
    }
  });
});
