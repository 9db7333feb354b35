import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { createInProcessBus, type Bus } from '@hoga/bus';
import { kv, RISK_KV_KEY, subjects, type PositionEvent } from '@hoga/contracts';
import { InMemoryEventStore } from '@hoga/event-store';
import { dec, type PositionId } from '@hoga/model';
import { Harness, IMMEDIATE_SPEC } from './testing/harness.js';
import { executorEvents } from './testing/executor-events.js';
import { ENTRY_PRICE, ENTRY_VOLUME, runImmediate } from './testing/happy-path.js';

const WAITING_SPEC = {
  ...IMMEDIATE_SPEC,
  id: 'btc-wait',
  entry: { indicator: 'rsi', period: 14, interval: '1m', op: '<', value: 30 },
};
const envelope = (id: string) => ({
  id,
  occurredAt: '2026-11-23T00:00:00.000Z',
  causationId: null,
  correlationId: id,
});
/** Fills the entry of `id` (trade uuid per position: fills are deduplicated by it). */
async function fillEntry(h: Harness, id: PositionId): Promise<void> {
  const ex = executorEvents(id);
  await h.orderEvent(ex.accepted(`${id}-e1`));
  await h.orderEvent(ex.filled(`${id}-e1`, `t-${id}`, ENTRY_VOLUME, ENTRY_PRICE));
  await h.orderEvent(ex.completed(`${id}-e1`, 'done', ENTRY_VOLUME, ENTRY_PRICE));
  await h.until(id, 'PositionActivated');
}
const at = (events: PositionEvent[], type: string): number => {
  const event = events.find((e) => e.type === type);
  ok(event, `no ${type}`);
  return Date.parse(event.occurredAt);
};

describe('position-actor: a risk halt exits in the liquidation order', () => {
  let bus: Bus;
  let h: Harness;
  beforeEach(async () => {
    bus = createInProcessBus();
    h = await new Harness(bus, new InMemoryEventStore()).start();
  });
  afterEach(async () => {
    await h.dispose();
    await bus.close();
  });

  it('KV HALTED cancels pending positions at once; the RiskHalt feeds holding ones in plan order, paced', async () => {
    const [a, b, c] = [
      await runImmediate(h, 'cmd-a'),
      await runImmediate(h, 'cmd-b'),
      await runImmediate(h, 'cmd-c'),
    ] as [PositionId, PositionId, PositionId];
    for (const id of [a, b, c]) await fillEntry(h, id);
    const waiting = await h.run(WAITING_SPEC, 'cmd-wait');
    ok(waiting.ok);
    const pending = waiting.positionId;

    // risk-guard writes the KV first, then publishes the halt with the plan
    await (
      await bus.kv(kv.risk())
    ).put(RISK_KV_KEY, {
      ...envelope('risk-halted'),
      type: 'RiskState',
      data: {
        state: 'HALTED',
        reason: 'loss limit breached',
        since: null,
        lossLimit: null,
        evaluation: null,
        unrealizedPnlKrw: dec(0) as never,
        exposureKrw: dec(0) as never,
        holdingPositions: 3,
      },
    });
    await h.until(pending, 'PositionClosed');
    for (const id of [a, b, c])
      ok(!(await h.types(id)).includes('ExitTriggered'), `${id} waited for the plan`);

    const plan = [
      { positionId: b, notBeforeMs: 0 },
      { positionId: c, notBeforeMs: 84 },
      { positionId: a, notBeforeMs: 168 },
    ];
    const published = Date.now();
    await bus.publish(subjects.riskHalt(), {
      ...envelope('halt-1'),
      type: 'RiskHalt',
      data: {
        cause: 'loss-limit-breached',
        by: 'loss-limit',
        reason: 'loss limit breached',
        commandId: null,
        liquidation: plan,
      },
    });
    const exits = [];
    for (const id of [b, c, a])
      exits.push(at(await h.until(id, 'ExitOrderRequested'), 'ExitTriggered'));
    const [tb, tc, ta] = exits as [number, number, number];
    // each exit not before its plan offset from the halt (lower bounds: a loaded machine only
    // makes them later), in plan order
    ok(tb <= tc && tc <= ta, 'in plan order');
    ok(
      tc - published >= 84 - 1 && ta - published >= 168 - 1,
      `paced: c ${String(tc - published)} ms, a ${String(ta - published)} ms after the halt`,
    );
    for (const id of [b, c, a]) await h.command$(`${id}-x1`);
    const sells = h.commands
      .filter((cmd) => cmd.type === 'PlaceOrder' && cmd.data.side === 'ask')
      .map((cmd) => cmd.data.positionId);
    deepStrictEqual(sells, [b, c, a]);
    const closed = (await h.events(pending)).find((e) => e.type === 'PositionClosed');
    ok(closed?.type === 'PositionClosed');
    equal(closed.data.reason, 'cancelled');
  });
});
