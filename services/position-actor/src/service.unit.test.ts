import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { createInProcessBus, type Bus } from '@hoga/bus';
import { kv, partitionOf, RISK_KV_KEY, subjects, type PositionEvent } from '@hoga/contracts';
import { InMemoryEventStore } from '@hoga/event-store';
import { dec, type PositionId } from '@hoga/model';
import { eventIdFor } from '@hoga/position';
import { toNewEvent, streamIdOf } from './adapters/stored-position-event.js';
import { executorEvents } from './testing/executor-events.js';
import { Harness, IMMEDIATE_SPEC, eventually } from './testing/harness.js';
import {
  assertLiveEqualsReplay,
  fillEntry,
  runImmediate,
  takeProfit,
  ENTRY_PRICE,
  ENTRY_VOLUME,
} from './testing/happy-path.js';

/** A strategy waiting for RSI < 30 on 1m candles (stays pending without candles). */
const WAITING_SPEC = {
  ...IMMEDIATE_SPEC,
  id: 'btc-wait',
  entry: { indicator: 'rsi', period: 14, interval: '1m', op: '<', value: 30 },
};

describe('position-actor (in-memory store, in-process bus)', () => {
  let bus: Bus;
  let store: InMemoryEventStore;
  let h: Harness;
  beforeEach(async () => {
    bus = createInProcessBus();
    store = new InMemoryEventStore();
    h = await new Harness(bus, store).start();
  });
  afterEach(async () => {
    await h.dispose();
    await bus.close();
  });

  it('runs a strategy: PositionOpened + EntryOrderRequested, and a PlaceOrder on the work queue', async () => {
    await runImmediate(h);
  });

  it('trades the happy path: fills → active, take-profit tick → exit → closed with exact PnL; state published', async () => {
    const id = await runImmediate(h);
    await fillEntry(h, id);
    await assertLiveEqualsReplay(h, id);
    await takeProfit(h, id);
    await assertLiveEqualsReplay(h, id);
    const last = await eventually(
      () => h.states.findLast((s) => s.data.status === 'closed'),
      'closed state',
    );
    equal(last.data.positionId, id);
    equal(last.data.exitReason, 'take-profit');
  });

  it('answers an invalid spec with bad-request naming the field', async () => {
    const reply = await h.run({ ...IMMEDIATE_SPEC, exit: { takeProfitPct: 'lots' } }, 'cmd-bad');
    ok(!reply.ok);
    equal(reply.error.code, 'bad-request');
    ok(reply.error.message.includes('exit.takeProfitPct'), reply.error.message);
  });

  it('a repeated run command id answers the same position and stores nothing new', async () => {
    const id = await runImmediate(h);
    const again = await h.run(IMMEDIATE_SPEC, 'cmd-run-1');
    ok(again.ok);
    equal(again.positionId, id);
    equal((await h.events(id)).length, 2);
  });

  it('pauses and resumes with who issued it; a repeated command id is harmless', async () => {
    const { positionId: id } = (await h.run(WAITING_SPEC, 'cmd-w')) as { positionId: PositionId };
    ok((await h.command('pause', id, 'c-p')).ok);
    ok((await h.command('pause', id, 'c-p')).ok);
    ok((await h.command('resume', id, 'c-r')).ok);
    const refused = await h.command('resume', id, 'c-r2');
    ok(!refused.ok && refused.error.code === 'conflict');
    deepStrictEqual(await h.types(id), ['PositionOpened', 'PositionPaused', 'PositionResumed']);
    const paused = (await h.events(id))[1];
    ok(paused?.type === 'PositionPaused');
    equal(paused.data.issuedBy, 'cli:test');
    await assertLiveEqualsReplay(h, id);
  });

  it('closes a pending position (cancelled); an unknown position is not-found', async () => {
    const { positionId: id } = (await h.run(WAITING_SPEC, 'cmd-w')) as { positionId: PositionId };
    ok((await h.command('close', id, 'c-close')).ok);
    const events = await h.until(id, 'PositionClosed');
    const closed = events.at(-1);
    ok(closed?.type === 'PositionClosed');
    equal(closed.data.reason, 'cancelled');
    const missing = await h.command('close', 'pos-nope' as PositionId, 'c-x');
    ok(!missing.ok && missing.error.code === 'not-found');
  });

  it('re-decides after a version conflict: another writer appended first', async () => {
    const { positionId: id } = (await h.run(WAITING_SPEC, 'cmd-w')) as { positionId: PositionId };
    const foreign: PositionEvent = {
      id: eventIdFor(id, 2),
      type: 'PositionPaused',
      occurredAt: '2026-11-23T00:00:00.000Z',
      causationId: null,
      correlationId: id,
      data: { commandId: 'other', issuedBy: 'cli:other', reason: null },
    };
    await store.append(streamIdOf(id), [toNewEvent(foreign)], { expectedVersion: 1 });
    ok((await h.command('close', id, 'c-close')).ok);
    deepStrictEqual(await h.types(id), [
      'PositionOpened',
      'PositionPaused',
      'CloseRequested',
      'PositionClosed',
    ]);
    await assertLiveEqualsReplay(h, id);
  });

  it('a duplicate order event (new message id) changes nothing; an unknown position is acked', async () => {
    const id = await runImmediate(h);
    const ex = executorEvents(id);
    await h.orderEvent(executorEvents('pos-unknown' as PositionId).accepted('pos-unknown-e1'));
    await h.orderEvent(ex.filled(`${id}-e1`, 't-entry', ENTRY_VOLUME, ENTRY_PRICE));
    await h.until(id, 'EntryFilled');
    await h.orderEvent(
      ex.filled(`${id}-e1`, 't-entry', ENTRY_VOLUME, ENTRY_PRICE),
      'redelivered-fill',
    );
    await h.orderEvent(ex.completed(`${id}-e1`, 'done', ENTRY_VOLUME, ENTRY_PRICE));
    const events = await h.until(id, 'PositionActivated');
    equal(events.filter((e) => e.type === 'EntryFilled').length, 1);
    ok(h.log.records.some((r) => r.msg === 'order event for an unknown position'));
  });

  it('an order event published with another partition count is refused loudly, never applied (ADR 0065)', async () => {
    const id = await runImmediate(h);
    const count = [3, 5, 7, 9, 11].find(
      (n) => partitionOf(id, n) !== partitionOf(id, h.service.partitions),
    )!;
    const accepted = executorEvents(id).accepted(`${id}-e1`);
    await bus.publishDurable(subjects.orderEvtFor(id, count), accepted, { msgId: accepted.id });
    await eventually(
      () =>
        h.log.records.some(
          (r) =>
            r.level === 'error' &&
            r.msg === 'partition count mismatch' &&
            r.fields['positionId'] === id &&
            r.fields['partitions'] === h.service.partitions,
        ),
      'the mismatch logged as an error',
    );
    await h.service.idle();
    deepStrictEqual(await h.types(id), ['PositionOpened', 'EntryOrderRequested']);
  });

  it('restarts: a new host over the same store resumes the positions with equal state, then trades on', async () => {
    await h.dispose();
    h = await new Harness(bus, store).start(2);
    const id = await runImmediate(h);
    await fillEntry(h, id);
    const before = JSON.stringify(((await h.list()) as { positions: unknown[] }).positions);
    await h.stop();
    ok((await store.loadSnapshot(streamIdOf(id))) !== undefined, 'a snapshot was saved');
    await h.start(2);
    equal(h.service.rehydrated, 1);
    equal(JSON.stringify(((await h.list()) as { positions: unknown[] }).positions), before);
    await assertLiveEqualsReplay(h, id);
    await takeProfit(h, id);
  });

  it('a HALTED trading state exits every holding position and denies new runs', async () => {
    const id = await runImmediate(h);
    await fillEntry(h, id);
    const bucket = await bus.kv(kv.risk());
    await bucket.put(RISK_KV_KEY, {
      id: 'risk-1',
      type: 'RiskState',
      occurredAt: '2026-11-23T00:00:00.000Z',
      causationId: null,
      correlationId: 'risk-1',
      data: {
        state: 'HALTED',
        reason: 'operator',
        since: null,
        lossLimit: null,
        evaluation: null,
        unrealizedPnlKrw: dec(0) as never,
        exposureKrw: dec(0) as never,
        holdingPositions: 1,
      },
    });
    const events = await h.until(id, 'ExitOrderRequested');
    const triggered = events.find((e) => e.type === 'ExitTriggered');
    ok(triggered?.type === 'ExitTriggered');
    equal(triggered.data.reason, 'risk-halt');
    const denied = await h.run(IMMEDIATE_SPEC, 'cmd-after-halt');
    ok(!denied.ok && denied.error.code === 'denied');
  });
});
