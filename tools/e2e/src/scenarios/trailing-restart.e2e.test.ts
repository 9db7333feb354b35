import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { dec } from '@hoga/model';
import { checkInvariants, exchangeOrdersOf } from '../harness/invariants.js';
import { ofType, one, runAndActivate, strategy, useStacks } from '../harness/scenario.js';

describe('e2e: trailing stop across a kill -9 of position-actor at the peak', function () {
  this.timeout(90_000);
  const stacks = useStacks();

  it('(c) restarted, the actor fires the trailing stop at the persisted peak × (1 − 2 %), with one exit order', async () => {
    const stack = await stacks.make({ label: 'c_trailing' });
    await stack.startAll();
    const id = await runAndActivate(
      stack,
      strategy('e2e-trail', { trailingStopPct: 2, takeProfitPct: 50, stopLossPct: 20 }),
    );
    stacks.watch(id);
    for (let p = 101; p <= 110; p++)
      await stack.tradeUntil(`${p}000000`, () =>
        equal(stack.lastState(id)?.data.lastPrice?.toString(), `${p}000000`),
      );
    const peaks = await stack.tradeUntil('110000000', async () => {
      const raised = ofType(await stack.events(id), 'PeakPriceRaised');
      equal(raised.at(-1)?.data.price.toString(), '110000000');
      return raised;
    });
    const persistedPeak = peaks.at(-1)!.data.price;
    await stack.service('position-actor').kill9();
    await stack.start('position-actor');
    const level = persistedPeak.mul(dec('0.98'));
    // Down in 0.1 % steps: nothing may fire above the level; the first price at or below fires.
    let price = dec('110000000');
    let firedAt = null as null | string;
    while (firedAt === null) {
      price = price.minus('100000');
      const p = price.toString();
      const exits = await stack.tradeUntil(p, async () => {
        equal(stack.lastState(id)?.data.lastPrice?.toString(), p);
        return ofType(await stack.events(id), 'ExitTriggered');
      });
      if (exits.length > 0) firedAt = p;
      else ok(price.gt(level), `no exit at ${p} although the level is ${level.toString()}`);
      ok(price.gt(level.minus('1000000')), 'the stop never fired');
    }
    ok(dec(firedAt).lte(level), `fired at ${firedAt}, above the level ${level.toString()}`);
    ok(dec(firedAt).gt(level.minus('100000')), `fired at ${firedAt}: one step late at most`);
    const events = await stack.until(id, 'PositionClosed');
    const trigger = one(events, 'ExitTriggered');
    equal(trigger.data.reason, 'trailing-stop');
    one(events, 'ExitOrderRequested');
    deepStrictEqual(
      exchangeOrdersOf(stack, [`${id}-x1`, `${id}-x2`]).map((o) => o.identifier),
      [`${id}-x1`],
      'the exit order placed once',
    );
    await checkInvariants(stack, id);
  });
});
