import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { createInProcessBroker, createInProcessBus, type Bus } from '@hoga/bus';
import { PostgresEventStore } from '@hoga/event-store';
import type { PositionId } from '@hoga/model';
import { createTestSchema, type TestSchema } from '@hoga/testkit';
import pg from 'pg';
import { PostgresPositionIndex } from './adapters/position-index/postgres-position-index.js';
import { CrashableLeaseBackend } from '@hoga/leases/testing';
import { closeAnywhere, runAnywhere } from './testing/cluster.js';
import { executorEvents } from './testing/executor-events.js';
import { eventually, Harness, IMMEDIATE_SPEC } from './testing/harness.js';
import { ENTRY_PRICE, ENTRY_VOLUME } from './testing/happy-path.js';

const POSITIONS = 12;
const WAITING_SPEC = {
  ...IMMEDIATE_SPEC,
  id: 'btc-wait',
  entry: { indicator: 'rsi', period: 14, interval: '1m', op: '<', value: 30 },
};

describe('position-actor partitions (two instances, PostgreSQL leases + index)', function () {
  this.timeout(40_000);
  let schema: TestSchema;
  let store: PostgresEventStore;
  let pool: pg.Pool;
  const buses: Bus[] = [];
  const harnesses: Harness[] = [];
  const classId = 0x10000000 + Math.floor(Math.random() * 0x0fffffff);

  before(async () => {
    schema = await createTestSchema('position_actor_partitions');
    store = new PostgresEventStore(schema.poolConfig);
    await store.migrate();
    pool = new pg.Pool({ ...schema.poolConfig, max: 4 });
  });
  after(async () => {
    for (const h of harnesses) await h.dispose().catch(() => undefined);
    for (const b of buses) await b.close();
    await pool.end();
    await store.close();
    await schema.dispose();
  });

  const broker = createInProcessBroker();
  async function instance(name: string, leases: CrashableLeaseBackend): Promise<Harness> {
    const bus = createInProcessBus({ broker });
    buses.push(bus);
    const h = await new Harness(bus, store).start(50, {
      instanceId: name,
      index: new PostgresPositionIndex(pool),
      partitions: { count: 16, leases, leaseIntervalMs: 100 },
      marketFeedTimeoutMs: 200,
    });
    harnesses.push(h);
    return h;
  }
  const leases = () =>
    new CrashableLeaseBackend({ connectionString: schema.connectionString }, classId);
  const commandIds = (hs: Harness[]) => hs.flatMap((h) => h.commands.map((c) => c.id));

  it('spreads positions, hands a crashed instance over, never drives one twice, restarts from the index', async () => {
    const leaseA = leases();
    const a = await instance('a', leaseA);
    deepStrictEqual(a.service.owned().length, 16, 'alone, A owns every partition');
    const b = await instance('b', leases());
    await eventually(
      () => a.service.owned().length === 8 && b.service.owned().length === 8,
      'a fair split of the 16 partitions',
    );
    ok(
      a.service.owned().every((p) => !b.service.owned().includes(p)),
      'never two owners',
    );

    const ids: PositionId[] = [];
    for (let i = 0; i < POSITIONS; i += 1)
      ids.push(await runAnywhere(a, i < 2 ? WAITING_SPEC : IMMEDIATE_SPEC, `cluster-run-${i}`));
    const onA = ids.filter((id) => a.service.hosted().includes(id));
    const onB = ids.filter((id) => b.service.hosted().includes(id));
    equal(onA.length + onB.length, POSITIONS, 'each position hosted by exactly one instance');
    ok(onA.length > 0 && onB.length > 0, 'positions spread over both instances');
    await closeAnywhere(a, ids[0]!, 'cluster-close-0');

    await leaseA.crash();
    await eventually(() => b.service.owned().length === 16, 'B takes over every partition');
    equal(a.service.owned().length, 0);
    ok(!a.service.hosted().some((id) => ids.includes(id)), 'A stopped driving at once');

    for (const id of ids.slice(2)) {
      const ex = executorEvents(id);
      await b.orderEvent(ex.accepted(`${id}-e1`));
      await b.orderEvent(ex.filled(`${id}-e1`, `t-${id}`, ENTRY_VOLUME, ENTRY_PRICE));
      await b.orderEvent(ex.completed(`${id}-e1`, 'done', ENTRY_VOLUME, ENTRY_PRICE));
    }
    for (const id of ids.slice(2)) await b.until(id, 'PositionActivated', 10_000);
    for (const id of ids.slice(2)) {
      const types = await b.types(id);
      equal(types.filter((t) => t === 'EntryOrderRequested').length, 1, `${id}: one entry`);
      equal(types.filter((t) => t === 'PositionActivated').length, 1, `${id}: one activation`);
    }
    const placed = commandIds([a, b]);
    equal(new Set(placed).size, placed.length, 'exactly one PlaceOrder per order id');
    equal(placed.length, POSITIONS - 2);

    await b.stop();
    const c = await instance('c', leases());
    equal(c.service.rehydrated, POSITIONS - 1, 'the index loads only the open positions');
    ok(!c.service.hosted().includes(ids[0]!), 'the closed position stays out of memory');
  });
});
