import { deepEqual, equal } from 'node:assert/strict';
import { connectNatsBus, consumerBacklogs, removeNatsNamespace, type Bus } from '@hoga/bus';
import { partitionOf, subjects } from '@hoga/contracts';
import { PostgresEventStore } from '@hoga/event-store';
import type { PositionId } from '@hoga/model';
import { createTestSchema, testNamespace, testNatsUrl, type TestSchema } from '@hoga/testkit';
import { orderEventConsumer } from './app/partitions/partition-hosting.js';
import { executorEvents } from './testing/executor-events.js';
import { ENTRY_PRICE, ENTRY_VOLUME, runImmediate, takeProfit } from './testing/happy-path.js';
import { eventually, Harness } from './testing/harness.js';

const PARTITIONS = 16;
const ALL = Array.from({ length: PARTITIONS }, (_, p) => p);
/** The durable consumers of an earlier version: one per partition, each of every order event. */
const unpartitionedConsumer = (p: number) => `position-actor-p${String(p)}`;

/** One position id per partition, by partition. */
function markerPositions(prefix: string): PositionId[] {
  const byPartition = new Map<number, PositionId>();
  for (let i = 0; byPartition.size < PARTITIONS; i += 1) {
    const id = `${prefix}-${i}` as PositionId;
    const p = partitionOf(id, PARTITIONS);
    if (!byPartition.has(p)) byPartition.set(p, id);
  }
  return ALL.map((p) => byPartition.get(p)!);
}

describe('position-actor order events per partition (NATS JetStream, ADR 0065)', function () {
  this.timeout(60_000);
  let schema: TestSchema;
  let store: PostgresEventStore;
  let bus: Bus;
  let namespace: string;
  let h: Harness | undefined;

  beforeEach(async () => {
    schema = await createTestSchema('position_actor_evt_parts');
    store = new PostgresEventStore(schema.poolConfig);
    await store.migrate();
    namespace = testNamespace('position_actor_evt_parts');
    bus = await connectNatsBus({ servers: await testNatsUrl(), namespace, name: 'position-actor' });
  });
  afterEach(async () => {
    await h?.dispose();
    h = undefined;
    await bus.close();
    await removeNatsNamespace({ servers: await testNatsUrl(), namespace });
    await store.close();
    await schema.dispose();
  });

  const unknownHandled = (): Set<unknown> =>
    new Set(
      h!.log.records
        .filter((r) => r.msg === 'order event for an unknown position')
        .map((r) => r.fields['positionId']),
    );

  it("gives each partition's consumer only its own partition's events", async () => {
    h = await new Harness(bus, store).start(50);
    await eventually(() => h!.service.owned().length === PARTITIONS, 'every partition owned');
    // Nobody consumes while the service is stopped: what each durable consumer holds is what
    // the server routes to it.
    await h.stop();
    const markers = markerPositions('pos-own');
    const extra = markers[5]!;
    for (const [n, id] of [...markers, extra, extra].entries())
      await bus.publishDurable(
        subjects.orderEvtFor(id, PARTITIONS),
        executorEvents(id).accepted(`${id}-e1`),
        { msgId: `marker-${n}` },
      );
    const held = await consumerBacklogs(
      bus,
      subjects.orderEvt('*', '*'),
      ALL.map((p) => orderEventConsumer('position-actor', p)),
    );
    deepEqual(
      held.map((b) => b.pending),
      ALL.map((p) => (p === 5 ? 3 : 1)),
      'each consumer holds its partition events only (before: every consumer held all 18)',
    );

    h = await h.start(50);
    await eventually(
      () => markers.every((id) => unknownHandled().has(id)),
      'every partition handled its own',
    );
    await eventually(async () => {
      const left = await consumerBacklogs(
        bus,
        subjects.orderEvt('*', '*'),
        ALL.map((p) => orderEventConsumer('position-actor', p)),
      );
      return left.length === PARTITIONS && left.every((b) => b.pending === 0);
    }, 'all acked');
  });

  it("drains an earlier version's consumers before its own, then deletes them: no order event is lost", async () => {
    h = await new Harness(bus, store).start(50);
    const id = await runImmediate(h);
    await h.stop();
    // The earlier version's state: its 16 consumers of `hoga.order.evt.*`, and events the
    // previous executor published there that no consumer handled yet.
    for (const p of ALL)
      await (
        await bus.consume(
          subjects.orderEvtUnpartitioned('*'),
          { durable: unpartitionedConsumer(p), ackWaitMs: 30_000, maxDeliver: 10 },
          async () => undefined,
        )
      ).unsubscribe();
    const ex = executorEvents(id);
    const old = subjects.orderEvtUnpartitioned(id);
    for (const event of [
      ex.accepted(`${id}-e1`),
      ex.filled(`${id}-e1`, 't-entry', ENTRY_VOLUME, ENTRY_PRICE),
    ])
      await bus.publishDurable(old, event, { msgId: event.id });
    const stranger = markerPositions('pos-old').find(
      (p) => partitionOf(p, PARTITIONS) !== partitionOf(id, PARTITIONS),
    )!;
    await bus.publishDurable(
      subjects.orderEvtUnpartitioned(stranger),
      executorEvents(stranger).accepted(`${stranger}-e1`),
      { msgId: `old-${stranger}` },
    );
    // The upgraded executor (upgraded first) already published the completion on the new subject.
    const completed = ex.completed(`${id}-e1`, 'done', ENTRY_VOLUME, ENTRY_PRICE);
    await bus.publishDurable(subjects.orderEvtFor(id, PARTITIONS), completed, {
      msgId: completed.id,
    });

    h = await h.start(50);
    await h.until(id, 'PositionActivated');
    await eventually(() => unknownHandled().has(stranger), "the stranger's partition drained it");
    await eventually(
      async () =>
        (
          await consumerBacklogs(
            bus,
            subjects.orderEvtUnpartitioned('*'),
            ALL.map(unpartitionedConsumer),
          )
        ).length === 0,
      "the earlier version's consumers deleted",
    );
    equal(
      h.log.records.filter((r) => r.msg === 'order events of an earlier version drained').length,
      PARTITIONS,
    );
    // Trading goes on through the partition consumers.
    await takeProfit(h, id);
  });
});
