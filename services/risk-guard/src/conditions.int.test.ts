import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { connectNatsBus, createInProcessBus, removeNatsNamespace, type Bus } from '@hoga/bus';
import { subjects, wrap, type ExchangeAccessState, type RiskState } from '@hoga/contracts';
import { InMemoryEventStore, PostgresEventStore, type EventStore } from '@hoga/event-store';
import {
  createTestSchema,
  eventually,
  testNamespace,
  testNatsUrl,
  type TestSchema,
} from '@hoga/testkit';
import { Harness } from './testing/harness.js';
import {
  accountState,
  positionState,
  publishPosition,
  publishTick,
  tick,
} from './testing/samples.js';

const LOST: ExchangeAccessState['data'] = {
  status: 'lost',
  problem: 'credentials',
  errorName: 'expired_access_key',
  where: 'GET /v1/accounts',
  reason: 'Upbit refuses the API key (expired_access_key on GET /v1/accounts)',
  since: '2026-11-23T10:00:00.000Z',
  nextCheckAt: '2026-11-23T10:00:01.000Z',
  checks: 0,
  heldExits: [],
};
const OK: ExchangeAccessState['data'] = {
  ...LOST,
  status: 'ok',
  problem: null,
  errorName: null,
  where: null,
  reason: 'Upbit accepts the API key',
  since: null,
  nextCheckAt: null,
};
const access = (data: ExchangeAccessState['data']) =>
  wrap('ExchangeAccessState', data, {
    id: `access-${data.status}-${Math.random()}`,
    occurredAt: '2026-11-23T10:00:00.000Z',
    causationId: null,
    correlationId: 'c',
  });

type World = { bus: Bus; store: EventStore; close: () => Promise<void> };

async function inProcess(): Promise<World> {
  const bus = createInProcessBus();
  return { bus, store: new InMemoryEventStore(), close: () => bus.close() };
}

async function distributed(): Promise<World> {
  const schema: TestSchema = await createTestSchema('risk_conditions');
  const servers = await testNatsUrl();
  const namespace = testNamespace('risk_conditions');
  const store = new PostgresEventStore({ ...schema.poolConfig, max: 4 });
  await store.migrate();
  const bus = await connectNatsBus({ servers, namespace, name: 'risk-conditions' });
  return {
    bus,
    store,
    close: async () => {
      await bus.close();
      await store.close();
      await removeNatsNamespace({ servers, namespace }).catch(() => undefined);
      await schema.dispose();
    },
  };
}

for (const [mode, open] of [
  ['in-process bus', inProcess],
  ['NATS and PostgreSQL', distributed],
] as const)
  describe(`risk-guard conditions (${mode})`, function () {
    this.timeout(30_000);
    let world: World;
    let h: Harness;
    beforeEach(async () => {
      world = await open();
      h = await new Harness(world.bus, world.store).start({
        watchdog: { silenceMs: 60_000, action: 'alert', marketQuietMs: 15_000 },
      });
      await world.bus.publish(subjects.accountState(), accountState('10000000'));
    });
    afterEach(async () => {
      await h.stop();
      await h.close();
      await world.close();
    });

    const status = async () => (await h.ops('status', {})) as { risk: RiskState['data'] };

    it('lost exchange access shows in the status with its reason, the state stays ACTIVE; ok clears it', async () => {
      await world.bus.publish(subjects.accountAccess(), access(LOST));
      await eventually(async () => {
        const { risk } = await status();
        strictEqual(risk.state, 'ACTIVE');
        deepStrictEqual(risk.conditions?.[0]?.kind, 'exchange-access');
        ok(risk.conditions[0]?.reason.includes('expired_access_key'));
      });
      await world.bus.publish(subjects.accountAccess(), access(OK));
      await eventually(async () => strictEqual((await status()).risk.conditions, undefined));
    });

    it('a held market with no tick for the quiet time: one critical alert, a condition, cleared by a tick', async () => {
      await publishPosition(world.bus, positionState('p-1', { volume: '0.01', unrealized: '0' }));
      await publishTick(world.bus, tick('100000000'));
      await eventually(() => strictEqual(h.service.guard.portfolio.holdingPositions, 1));
      h.clock.advance(14_000);
      await h.service.checkWatchdog();
      strictEqual(h.alerts.filter((a) => a.data.dedupKey.startsWith('market-quiet')).length, 0);
      h.clock.advance(2_000);
      await h.service.checkWatchdog();
      await h.service.checkWatchdog();
      await eventually(() => {
        const quiet = h.alerts.filter((a) => a.data.dedupKey.startsWith('market-quiet:KRW-BTC'));
        strictEqual(quiet.length, 1, 'one alert per quiet episode');
        strictEqual(quiet[0]?.data.severity, 'critical');
      });
      const { risk } = await status();
      deepStrictEqual(
        risk.conditions?.map((c) => [c.kind, c.markets]),
        [['market-feed-quiet', ['KRW-BTC']]],
      );
      await publishTick(world.bus, tick('100000000'));
      await eventually(async () => {
        await h.service.checkWatchdog();
        strictEqual((await status()).risk.conditions, undefined);
      });
    });
  });
