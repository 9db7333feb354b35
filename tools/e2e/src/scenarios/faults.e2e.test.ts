import { equal, ok } from 'node:assert/strict';
import type { PositionId } from '@hoga/model';
import { eventually } from '@hoga/testkit';
import type { E2eStack } from '../harness/e2e-stack.js';
import { checkInvariants, exchangeOrdersOf, formatReport } from '../harness/invariants.js';
import { one, strategy, useStacks } from '../harness/scenario.js';

/** The executor's row state of an order, or null. */
async function rowState(stack: E2eStack, orderId: string): Promise<string | null> {
  const rows = await stack.orderRows();
  return rows.find((r) => r.order_id === orderId)?.state ?? null;
}

/** Closes at market (operator), waits for `PositionClosed`, checks I1-I4; returns the report. */
async function closeAndCheck(stack: E2eStack, id: PositionId) {
  ok((await stack.command('close', id)).ok);
  await stack.until(id, 'PositionClosed', 20_000);
  return checkInvariants(stack, id);
}

const SPEC = strategy('e2e-fault', { takeProfitPct: 20, stopLossPct: 20 });

describe('e2e: reliability faults (kill -9, emulator knobs) -> exactly one order each', function () {
  this.timeout(60_000);
  const stacks = useStacks();

  it('#1 the command waits while order-executor is down; started, it places the order once', async () => {
    // Started within the entry's maximum age (stale-orders.e2e.test.ts covers an older one).
    const stack = await stacks.make({
      label: 'g1_down',
      env: { 'order-executor': { HOGA_EXECUTOR__MAX_ENTRY_AGE_MS: '60000' } },
    });
    await Promise.all([stack.start('market-feed'), stack.start('position-actor')]);
    const reply = await stack.run(SPEC);
    ok(reply.ok);
    const id = reply.positionId;
    stacks.watch(id);
    await stack.until(id, 'EntryOrderRequested');
    equal(
      exchangeOrdersOf(stack, [`${id}-e1`]).length,
      0,
      'nothing placed while the executor is down',
    );
    await stack.start('order-executor');
    await stack.until(id, 'PositionActivated');
    const report = await closeAndCheck(stack, id);
    equal(report[0]?.label, 'ok', formatReport(report));
    equal(exchangeOrdersOf(stack, [`${id}-e1`]).length, 1);
  });

  it('#2 Upbit accepts the order and the answer is lost -> unknown, found by identifier, adopted', async () => {
    const stack = await stacks.make({ label: 'g2_drop' });
    await stack.startAll();
    stack.emulator.admin.setFaults({ dropNextOrderResponses: 1 });
    const reply = await stack.run(SPEC);
    ok(reply.ok);
    const id = reply.positionId;
    stacks.watch(id);
    await stack.until(id, 'PositionActivated');
    const report = await closeAndCheck(stack, id);
    equal(report[0]?.label, 'recovered', formatReport(report));
    equal(exchangeOrdersOf(stack, [`${id}-e1`]).length, 1);
  });

  it('#2 kill -9 of order-executor while the POST is in flight -> adopted on restart, placed once', async () => {
    const stack = await stacks.make({ label: 'g2_kill' });
    await stack.startAll();
    stack.emulator.admin.setFaults({ latencyMs: 1_500 });
    const reply = await stack.run(SPEC);
    ok(reply.ok);
    const id = reply.positionId;
    stacks.watch(id);
    await eventually(async () => equal(await rowState(stack, `${id}-e1`), 'submitting'), 10_000);
    await eventually(() => equal(exchangeOrdersOf(stack, [`${id}-e1`]).length, 1), 5_000);
    await stack.service('order-executor').kill9(); // Upbit has the order; its answer is pending
    stack.emulator.admin.clearFaults();
    await stack.start('order-executor');
    await stack.until(id, 'PositionActivated');
    const report = await closeAndCheck(stack, id);
    ok(['recovered', 'ok'].includes(report[0]?.label ?? ''), formatReport(report));
    equal(exchangeOrdersOf(stack, [`${id}-e1`]).length, 1);
  });

  it('#3 the POST answers 5xx after reaching Upbit -> unknown until the lookup finds it; one order', async () => {
    const stack = await stacks.make({ label: 'g3_timeout' });
    await stack.startAll();
    stack.emulator.admin.setFaults({
      fail5xxNext: 1,
      fail5xxAfterProcessing: true,
      fail5xxScope: 'orders',
    });
    const reply = await stack.run(SPEC);
    ok(reply.ok);
    const id = reply.positionId;
    stacks.watch(id);
    await eventually(
      async () => ok(stack.orderEvents.some((e) => e.type === 'OrderUnknown')),
      15_000,
      50,
    );
    ok(
      stack.orderEvents.some((e) => e.type === 'OrderUnknown'),
      'OrderUnknown published',
    );
    stack.emulator.admin.clearFaults();
    await stack.until(id, 'PositionActivated', 20_000);
    const report = await closeAndCheck(stack, id);
    equal(report[0]?.label, 'recovered', formatReport(report));
    equal(exchangeOrdersOf(stack, [`${id}-e1`]).length, 1);
  });

  it('#7 kill -9 of order-executor right after the side effect (order open), before or after its ack -> redelivery changes nothing', async () => {
    const stack = await stacks.make({ label: 'g7_ack' });
    await stack.startAll();
    const reply = await stack.run(SPEC);
    ok(reply.ok);
    const id = reply.positionId;
    stacks.watch(id);
    await eventually(
      async () =>
        ok(['open', 'done', 'cancel'].includes((await rowState(stack, `${id}-e1`)) ?? '')),
      10_000,
      5,
    );
    await stack.service('order-executor').kill9();
    await stack.start('order-executor');
    await stack.until(id, 'PositionActivated');
    const report = await closeAndCheck(stack, id);
    equal(report[0]?.label, 'ok', formatReport(report));
    equal(exchangeOrdersOf(stack, [`${id}-e1`]).length, 1);
    const filled = stack.orderEvents.filter(
      (e) => e.type === 'OrderFilled' && e.data.orderId === `${id}-e1`,
    );
    ok(new Set(filled.map((e) => e.id)).size >= 1);
  });

  it('#11 restart with an open order that fills while order-executor is down -> reconciled, fill recorded once', async () => {
    const stack = await stacks.make({ label: 'g11_restart' });
    await stack.startAll();
    const spec = { ...SPEC, orders: { entry: { limit: { offsetTicks: 10 } }, exit: 'market' } };
    const reply = await stack.run(spec);
    ok(reply.ok, JSON.stringify(reply));
    const id = reply.positionId;
    stacks.watch(id);
    // A limit bid 10 ticks under the price rests (the entry may need a tick for its reference).
    await stack.tradeUntil('100000000', async () =>
      equal(await rowState(stack, `${id}-e1`), 'open'),
    );
    await stack.service('order-executor').kill9();
    stack.trade('99900000'); // the resting bid fills while the executor is down
    const placed = exchangeOrdersOf(stack, [`${id}-e1`]);
    equal(placed.length, 1);
    ok(Number(placed[0]?.trades?.length ?? 0) >= 1, 'filled on the exchange while down');
    await stack.start('order-executor');
    const events = await stack.until(id, 'PositionActivated');
    one(events, 'EntryFilled');
    const report = await closeAndCheck(stack, id);
    equal(report[0]?.label, 'ok', formatReport(report));
  });
});
