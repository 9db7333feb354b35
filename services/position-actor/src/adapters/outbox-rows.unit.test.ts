import { deepStrictEqual, ok } from 'node:assert/strict';
import { subjects } from '@hoga/contracts';
import { dec, DEFAULT_FEE_RATE, type PositionId, type Price } from '@hoga/model';
import { decide, decodeStrategySpec, restore } from '@hoga/position';
import * as E from 'fp-ts/lib/Either.js';
import { IMMEDIATE_SPEC } from '../testing/harness.js';
import { outboxRowsFor } from './outbox-rows.js';

const pid = 'pos-rows' as PositionId;

describe('outboxRowsFor: the order command first, then the notifications (ADR 0067)', () => {
  it('puts the PlaceOrder before the events that asked for it, the events in their order', () => {
    const spec = decodeStrategySpec(IMMEDIATE_SPEC);
    ok(E.isRight(spec));
    const decision = decide(
      restore(),
      {
        kind: 'start',
        id: 'start-1',
        positionId: pid,
        spec: spec.right,
        openedBy: 'test',
        lastPrice: dec(100_000_000) as Price,
      },
      { now: '2026-12-07T00:00:00.000Z', feeRate: DEFAULT_FEE_RATE },
    );
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
    const spec = decodeStrategySpec(IMMEDIATE_SPEC);
    ok(E.isRight(spec));
    const decision = decide(
      restore(),
      {
        kind: 'start',
        id: 'start-2',
        positionId: pid,
        spec: spec.right,
        openedBy: 'test',
        lastPrice: dec(100_000_000) as Price,
      },
      { now: '2026-12-07T00:00:00.000Z', feeRate: DEFAULT_FEE_RATE },
    );
    const opened = decision.events.filter((e) => e.type === 'PositionOpened');
    const rows = outboxRowsFor(pid, opened, decision.snapshot);
    deepStrictEqual(
      rows.map((r) => [r.subject, r.id]),
      opened.map((e) => [subjects.positionEvt(pid).subject, e.id]),
    );
  });
});
