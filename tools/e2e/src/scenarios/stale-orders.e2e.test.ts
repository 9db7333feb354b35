import { deepEqual, equal, ok } from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PositionId } from '@hoga/model';
import type { E2eStack } from '../harness/e2e-stack.js';
import { checkInvariants, exchangeOrdersOf, formatReport } from '../harness/invariants.js';
import { strategy, useStacks } from '../harness/scenario.js';

const SPEC = strategy('e2e-stale', { takeProfitPct: 20, stopLossPct: 20 });
const MAX_ENTRY_AGE_MS = 1_500;

/** Closes at market (operator), waits for `PositionClosed`, checks I1-I4; returns the report. */
async function closeAndCheck(stack: E2eStack, id: PositionId) {
  ok((await stack.command('close', id)).ok);
  await stack.until(id, 'PositionClosed', 20_000);
  return checkInvariants(stack, id);
}

describe('e2e: no stale entries (ADR 0030), absence only when certain (ADR 0031)', function () {
  this.timeout(60_000);
  const stacks = useStacks();

  it('an entry decided while order-executor was down, older than the max age: refused (order-expired), the position decides again and enters once', async () => {
    const stack = await stacks.make({
      label: 's_stale',
      env: { 'order-executor': { HOGA_EXECUTOR__MAX_ENTRY_AGE_MS: String(MAX_ENTRY_AGE_MS) } },
    });
    await Promise.all([stack.start('market-feed'), stack.start('position-actor')]);
    const reply = await stack.run(SPEC);
    ok(reply.ok);
    const id = reply.positionId;
    stacks.watch(id);
    await stack.until(id, 'EntryOrderRequested');
    await sleep(MAX_ENTRY_AGE_MS + 500); // the waiting command outlives its maximum age
    await stack.start('order-executor');
    await stack.until(id, 'PositionActivated', 20_000);
    const [first, second] = [`${id}-e1`, `${id}-e2`];
    equal(exchangeOrdersOf(stack, [first]).length, 0, 'the stale entry never reached Upbit');
    equal(exchangeOrdersOf(stack, [second]).length, 1, 'the new attempt was placed once');
    const rows = await stack.orderRows(id);
    const stale = rows.find((r) => r.order_id === first);
    equal(stale?.state, 'denied');
    ok(stale?.detail?.includes('before it could be sent'), stale?.detail ?? '');
    const failed = (await stack.events(id))
      .map((e) => e.event)
      .find((e) => e.type === 'OrderFailed');
    ok(failed?.type === 'OrderFailed');
    deepEqual([failed.data.cause, failed.data.code], ['expired', 'order-expired']);
    const report = await closeAndCheck(stack, id);
    ok(
      report.every((a) => a.label === 'ok'),
      formatReport(report),
    );
  });

  it('a lagging lookup by identifier after a lost answer: the order lists show the order, it is adopted; no second order (I1)', async () => {
    const stack = await stacks.make({ label: 's_lag' });
    await stack.startAll();
    stack.emulator.admin.setFaults({ dropNextOrderResponses: 1, identifierLookupLagMs: 600_000 });
    const reply = await stack.run(SPEC);
    ok(reply.ok);
    const id = reply.positionId;
    stacks.watch(id);
    await stack.until(id, 'PositionActivated', 30_000);
    stack.emulator.admin.clearFaults();
    equal(exchangeOrdersOf(stack, [`${id}-e1`]).length, 1);
    equal(exchangeOrdersOf(stack, [`${id}-e2`]).length, 0, 'no second attempt');
    ok(
      stack.orderEvents.some((e) => e.type === 'OrderUnknown' && e.data.orderId === `${id}-e1`),
      'the lost answer left it unknown',
    );
    const report = await closeAndCheck(stack, id);
    equal(report[0]?.label, 'recovered', formatReport(report));
  });
});
