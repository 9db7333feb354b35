import { deepStrictEqual } from 'node:assert/strict';
import { subjects } from '@hoga/contracts';
import type { PositionId } from '@hoga/model';
import { openingDecision } from '../testing/happy-path.js';
import { outboxRowsFor } from './outbox-rows.js';

const pid = 'pos-rows' as PositionId;

describe('outboxRowsFor: the order command first, then the notifications (ADR 0067)', () => {
  it('puts the PlaceOrder before the events that asked for it, the events in their order', () => {
    const decision = openingDecision(pid);
    deepStrictEqual(
      decision.events.map((e) => e.type),
      ['PositionOpened', 'EntryOrderRequested'],
    );
    const rows = outboxRowsFor(pid, decision.events, decision.snapshot);
    const evt = subjects.positionEvt(pid).subject;
    deepStrictEqual(
      rows.map((r) => [r.subject, r.id]),
      [
        [subjects.orderCmd().subject, `${pid}-e1`],
        [evt, decision.events[0]!.id],
        [evt, decision.events[1]!.id],
      ],
    );
  });

  it('events without an order request have only their notifications, in order', () => {
    const decision = openingDecision(pid);
    const opened = decision.events.filter((e) => e.type === 'PositionOpened');
    const rows = outboxRowsFor(pid, opened, decision.snapshot);
    deepStrictEqual(
      rows.map((r) => [r.subject, r.id]),
      opened.map((e) => [subjects.positionEvt(pid).subject, e.id]),
    );
  });
});
