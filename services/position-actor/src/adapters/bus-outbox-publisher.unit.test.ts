import { deepStrictEqual, equal, ok, rejects } from 'node:assert/strict';
import { createInProcessBus } from '@hoga/bus';
import { subjects } from '@hoga/contracts';
import type { PositionId } from '@hoga/model';
import { BusOutboxPublisher, routeOfOutboxSubject } from './bus-outbox-publisher.js';

const pid = 'pos-1' as PositionId;

describe('BusOutboxPublisher', () => {
  it('routes order commands and position events by the registry patterns', () => {
    equal(routeOfOutboxSubject(subjects.orderCmd().subject)?.stream?.name, 'ORDER_CMD');
    const evt = routeOfOutboxSubject(subjects.positionEvt(pid).subject);
    deepStrictEqual(
      [evt?.subject, evt?.stream?.name],
      [subjects.positionEvt(pid).subject, 'POSITION_EVT'],
    );
    equal(routeOfOutboxSubject(subjects.positionState(pid).subject), undefined);
  });

  it('publishes with the row id as the dedup id, and refuses an unroutable or undecodable row', async () => {
    const bus = createInProcessBus();
    const publisher = new BusOutboxPublisher(bus);
    const payload = {
      id: 'pos-1:1',
      type: 'PositionPaused',
      occurredAt: '2026-11-23T00:00:00.000Z',
      causationId: null,
      correlationId: 'pos-1',
      data: { commandId: 'c', issuedBy: 'cli:a', reason: null },
    };
    const row = {
      id: 'pos-1:1',
      subject: subjects.positionEvt(pid).subject,
      payload,
      headers: {},
      createdAt: new Date(),
      attempts: 0,
      lastError: null,
    };
    const first = (await publisher.publish(row)) as { duplicate: boolean };
    const second = (await publisher.publish(row)) as { duplicate: boolean };
    ok(!first.duplicate && second.duplicate);
    await rejects(
      publisher.publish({ ...row, subject: subjects.positionState(pid).subject }),
      /no outbox route/,
    );
    await rejects(publisher.publish({ ...row, payload: { nope: 1 } }), /does not decode/);
    await bus.close();
  });
});
