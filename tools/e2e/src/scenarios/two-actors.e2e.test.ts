import { equal, ok } from 'node:assert/strict';
import { dec, type PositionId } from '@hoga/model';
import { eventually } from '@hoga/testkit';
import { checkInvariants, exchangeOrdersOf } from '../harness/invariants.js';
import { one, strategy, useStacks } from '../harness/scenario.js';

describe('e2e: two position-actor instances, one killed', function () {
  this.timeout(90_000);
  const stacks = useStacks();

  it('(h) every position is still driven by exactly one instance: one exit order each', async () => {
    const stack = await stacks.make({ label: 'h_two' });
    await Promise.all([stack.start('market-feed'), stack.start('order-executor')]);
    const a = await stack.start('position-actor', 'pa-A');
    const b = await stack.start('position-actor', 'pa-B');
    await eventually(() => ok(b.output.includes('partition acquired')), 15_000, 50);
    await eventually(() => ok(a.output.includes('partition released')), 15_000, 50);
    const ids: PositionId[] = [];
    for (let i = 0; i < 6; i++) {
      const reply = await stack.run(strategy(`e2e-h${i}`, { takeProfitPct: 2, stopLossPct: 2 }));
      ok(reply.ok, JSON.stringify(reply));
      ids.push(reply.positionId);
    }
    for (const id of ids) await stack.until(id, 'PositionActivated');
    const hosted = (p: typeof a) => ids.filter((id) => p.output.includes(`"positionId":"${id}"`));
    const victim = hosted(a).length >= hosted(b).length ? a : b;
    const orphans = hosted(victim);
    ok(orphans.length > 0, 'the killed instance drove at least one position');
    await victim.kill9();
    await stack.tradeUntil(
      '103000000',
      async () => {
        for (const id of ids) await stack.until(id, 'PositionClosed', 0);
      },
      30_000,
    );
    for (const id of ids) {
      const events = await stack.events(id);
      one(events, 'ExitTriggered');
      one(events, 'ExitOrderRequested');
      equal(exchangeOrdersOf(stack, [`${id}-x1`, `${id}-x2`]).length, 1, `${id}: one exit order`);
      await checkInvariants(stack, id, false);
    }
    const btc = stack.emulator.admin.balances('e2e-access-key').find((x) => x.currency === 'BTC');
    ok(btc === undefined || dec(btc.balance).plus(btc.locked).isZero(), 'nothing left held');
  });
});
