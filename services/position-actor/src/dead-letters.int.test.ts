import { equal, ok } from 'node:assert/strict';
import { connectNatsBus, opsRequest, removeNatsNamespace, requestOps, type Bus } from '@hoga/bus';
import * as E from 'fp-ts/lib/Either.js';
import { partitionOf, STREAMS, streamRoute, subjects } from '@hoga/contracts';
import { PostgresEventStore } from '@hoga/event-store';
import { createTestSchema, testNamespace, testNatsUrl, type TestSchema } from '@hoga/testkit';
import type { PositionId } from '@hoga/model';
import * as t from 'io-ts';
import { executorEvents } from './testing/executor-events.js';
import { eventually, Harness } from './testing/harness.js';

const PARTITIONS = 16;

/** A JSON value no order-event codec accepts, published on an order-event subject. */
const notAnOrderEvent = streamRoute(
  subjects.orderEvtFor('pos-dead-1' as PositionId, PARTITIONS).subject,
  t.unknown,
  STREAMS.orderEvents,
);

/** One position id per partition. */
function markerPositions(): PositionId[] {
  const byPartition = new Map<number, PositionId>();
  for (let i = 0; byPartition.size < PARTITIONS; i += 1) {
    const id = `pos-marker-${i}` as PositionId;
    const p = partitionOf(id, PARTITIONS);
    if (!byPartition.has(p)) byPartition.set(p, id);
  }
  return [...byPartition.values()];
}

describe('position-actor dead letters (NATS JetStream, 16 partitions)', function () {
  this.timeout(40_000);
  let schema: TestSchema;
  let store: PostgresEventStore;
  let bus: Bus;
  let namespace: string;
  let h: Harness | undefined;
  const warnings: { message: string; fields: Readonly<Record<string, unknown>> }[] = [];

  before(async () => {
    schema = await createTestSchema('position_actor_dlq');
    store = new PostgresEventStore(schema.poolConfig);
    await store.migrate();
    namespace = testNamespace('position_actor_dlq');
    bus = await connectNatsBus({
      servers: await testNatsUrl(),
      namespace,
      name: 'position-actor',
      logger: { warn: (message, fields) => void warnings.push({ message, fields }) },
    });
  });
  after(async () => {
    await h?.dispose();
    await bus.close();
    await removeNatsNamespace({ servers: await testNatsUrl(), namespace });
    await store.close();
    await schema.dispose();
  });

  it('keeps one undecodable order event once, with no listener, across 16 partition consumers', async () => {
    h = await new Harness(bus, store).start(50);
    await eventually(() => h!.service.owned().length === PARTITIONS, 'every partition owned');

    // Nobody listens on the dead-letter subjects: the stream alone must keep it.
    const publisher = await connectNatsBus({ servers: await testNatsUrl(), namespace });
    await publisher.publishDurable(
      notAnOrderEvent,
      { surely: 'not an order event' },
      {
        msgId: 'bad-order-event-1',
      },
    );
    // Then one valid event (of an unknown position) per partition: each partition consumer
    // handles its stream in order, so once all 16 have logged theirs, all 16 are past the bad one.
    const markers = markerPositions();
    for (const id of markers)
      await publisher.publishDurable(
        subjects.orderEvtFor(id, PARTITIONS),
        executorEvents(id).accepted(`${id}-e1`),
        {
          msgId: `marker-${id}`,
        },
      );
    await publisher.close();
    await eventually(() => {
      const seen = new Set(
        h!.log.records
          .filter((r) => r.msg === 'order event for an unknown position')
          .map((r) => r.fields['positionId']),
      );
      return markers.every((id) => seen.has(id));
    }, 'all 16 partition consumers past the bad message');

    const report = await bus.keptDeadLetters({ subject: subjects.orderEvt('*', '*').subject });
    equal(report.letters.length, 1, 'exactly one dead letter');
    const [letter] = report.letters;
    equal(letter!.subject, notAnOrderEvent.subject);
    equal(letter!.reason, 'undecodable');
    equal(letter!.by, 'position-actor');
    ok(new TextDecoder().decode(letter!.payload).includes('surely'));
    equal(
      warnings.filter((w) => w.message === 'bus: message dead-lettered').length,
      1,
      'one log line',
    );

    // The operator sees it in position-actor's ops status, from another connection, afterwards.
    const operator = await connectNatsBus({ servers: await testNatsUrl(), namespace });
    try {
      const request = opsRequest('position-actor', 'deadletters', {
        subject: subjects.orderEvt('*', '*').subject,
        limit: 10,
        all: false,
      });
      ok(E.isRight(request));
      const status = await requestOps(operator, 'position-actor', 'deadletters', request.right);
      ok(status.ok, JSON.stringify(status));
      equal(status.letters.length, 1);
      equal(status.letters[0]!.subject, notAnOrderEvent.subject);
      equal(status.letters[0]!.by, 'position-actor');
      ok(status.letters[0]!.preview.includes('surely'));
    } finally {
      await operator.close();
    }
  });
});
