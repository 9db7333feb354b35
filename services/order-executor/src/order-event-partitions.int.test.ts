import { deepEqual, equal, ok } from 'node:assert/strict';
import { subjects } from '@hoga/contracts';
import type { PositionId } from '@hoga/model';
import { eventually } from '@hoga/testkit';
import { marketBuy, orderIdOf } from './testing/commands.js';
import { Harness } from './testing/harness.js';

const PARTITIONS = 5;

describe('order-executor: order events per position-actor partition (ADR 0065)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.open('nats');
    await h.setTradingState('ACTIVE');
  });
  afterEach(() => h.dispose());

  it("publishes each order event on its position's partition subject, by position-actor's count", async () => {
    await h.startExecutor({ positionActor: { partitions: PARTITIONS } });
    await h.send(marketBuy('p-part', '200000'));
    const orderId = orderIdOf('p-part');
    await eventually(() => equal(h.events.typesOf(orderId).at(-1), 'OrderCompleted'));
    const expected = subjects.orderEvtFor('p-part' as PositionId, PARTITIONS).subject;
    ok(expected !== subjects.orderEvtFor('p-part' as PositionId, 16).subject, 'a telling count');
    const stored = await h.storedEvents(orderId);
    deepEqual(new Set(stored.map((r) => r.subject)), new Set([expected]));
    const heard = h.events.subjects.filter(
      (_, i) => h.events.received[i]?.data.orderId === orderId,
    );
    equal(heard.length, stored.length);
    deepEqual(new Set(heard), new Set([expected]));
  });

  it('publishes a row written before ADR 0065 (unpartitioned subject) on its partition subject', async () => {
    const running = await h.startExecutor({ positionActor: { partitions: PARTITIONS } });
    await h.send(marketBuy('p-old', '200000'));
    const orderId = orderIdOf('p-old');
    await eventually(() => equal(h.events.typesOf(orderId).at(-1), 'OrderCompleted'));
    await running.stop();
    const [first] = await h.storedEvents(orderId);
    ok(first !== undefined);
    // A row the previous version left unsent: its own event id, the old subject.
    const id = `${first.id}-legacy`;
    await h.db
      .insertInto('order_events')
      .values({
        id,
        order_id: orderId,
        type: first.type,
        subject: subjects.orderEvtUnpartitioned('p-old' as PositionId).subject,
        payload: JSON.stringify({ ...(first.payload as object), id }),
        headers: JSON.stringify({}),
      })
      .execute();
    await h.startExecutor({ positionActor: { partitions: PARTITIONS } });
    await eventually(() => ok(h.events.received.some((e) => e.id === id)));
    const at = h.events.received.findIndex((e) => e.id === id);
    equal(h.events.subjects[at], subjects.orderEvtFor('p-old' as PositionId, PARTITIONS).subject);
    // the relay marks a row sent after its publish was acknowledged: a moment after it is heard
    await eventually(async () => {
      const row = await h.db
        .selectFrom('order_events')
        .select('sent_at')
        .where('id', '=', id)
        .executeTakeFirst();
      ok(row?.sent_at, 'marked sent');
    });
  });
});
