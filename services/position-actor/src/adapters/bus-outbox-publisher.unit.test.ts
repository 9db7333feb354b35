import { deepStrictEqual, ok } from 'node:assert/strict';
import { createInProcessBus } from '@hoga/bus';
import { subjects, type OrderCommand } from '@hoga/contracts';
import type { PositionId } from '@hoga/model';
import { openingDecision } from '../testing/happy-path.js';
import { outboxPublisher } from './bus-outbox-publisher.js';
import { outboxRowsFor } from './outbox-rows.js';

const pid = 'pos-1' as PositionId;

describe("position-actor's outbox publisher", () => {
  it('routes order commands and position events by the registry patterns, nothing else', () => {
    const publisher = outboxPublisher(createInProcessBus());
    deepStrictEqual(
      [
        publisher.routeOf(subjects.orderCmd().subject)?.stream?.name,
        publisher.routeOf(subjects.positionEvt(pid).subject)?.stream?.name,
        publisher.routeOf(subjects.positionEvt(pid).subject)?.subject,
        publisher.routeOf(subjects.positionState(pid).subject),
      ],
      ['ORDER_CMD', 'POSITION_EVT', subjects.positionEvt(pid).subject, undefined],
    );
  });

  it('publishes the rows of a decision as stored: the executor decodes the PlaceOrder it asked for', async () => {
    const decision = openingDecision(pid, '2026-11-23T00:00:00.000Z');
    const bus = createInProcessBus();
    const commands: OrderCommand[] = [];
    await bus.consume(
      subjects.orderCmd(),
      { durable: 'executor', ackWaitMs: 5000, maxDeliver: 1 },
      async (d) => (commands.push(d.data), d.ack()),
    );
    const publisher = outboxPublisher(bus);
    const rows = outboxRowsFor(pid, decision.events, decision.snapshot);
    const stored = rows.map((r) => ({ ...r, headers: {} }));
    const acks = [];
    for (const row of [...stored, ...stored]) acks.push(await publisher.publish(row));
    deepStrictEqual(
      acks.map((a) => a.duplicate),
      [...stored.map(() => false), ...stored.map(() => true)],
    );
    const requested = decision.events.find((e) => e.type === 'EntryOrderRequested');
    ok(requested?.type === 'EntryOrderRequested');
    const deadline = Date.now() + 2000;
    while (commands.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
    deepStrictEqual(
      commands.map((c) => [c.type, c.id, c.causationId]),
      [['PlaceOrder', requested.data.orderId, requested.id]],
    );
    const placed = commands[0];
    ok(placed?.type === 'PlaceOrder');
    deepStrictEqual(
      [placed.data.identifier, placed.data.totalKrw?.toString()],
      [requested.data.identifier, requested.data.totalKrw?.toString()],
    );
    await bus.close();
  });
});
