import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { eventually } from '@hoga/testkit';
import {
  assertPnlToTheWon,
  checkInvariants,
  exchangeOrdersOf,
  exchangePnl,
  intentsOf,
} from '../harness/invariants.js';
import { one, ofType, runAndActivate, strategy, useStacks } from '../harness/scenario.js';

describe('e2e: a position through its life (processes, NATS, PostgreSQL, emulator)', function () {
  this.timeout(60_000);
  const stacks = useStacks();

  it('(a) entry fills -> active -> take-profit -> closed; PnL = the exchange trades with fees, to the won', async () => {
    const stack = await stacks.make({ label: 'a_tp' });
    await stack.startAll();
    const id = await runAndActivate(
      stack,
      strategy('e2e-tp', { takeProfitPct: 2, stopLossPct: 2 }),
    );
    stacks.watch(id);
    await stack.tradeUntil('103000000', async () => stack.until(id, 'ExitTriggered', 0));
    const events = await stack.until(id, 'PositionClosed');
    const closed = one(events, 'PositionClosed');
    equal(closed.data.reason, 'take-profit');
    const ids = (await intentsOf(stack, id)).map((i) => i.identifier);
    equal(ids.length, 2, 'one entry and one exit order');
    ok(closed.data.realizedPnlKrw.gt(0));
    await checkInvariants(stack, id);
    // Last, so the invariants above are checked either way: exact, as decimals.
    equal(closed.data.realizedPnlKrw.toString(), exchangePnl(stack, ids).toString());
  });

  it('(b) stop-loss closes the position at a loss equal to the exchange trades', async () => {
    const stack = await stacks.make({ label: 'b_sl' });
    await stack.startAll();
    const id = await runAndActivate(
      stack,
      strategy('e2e-sl', { takeProfitPct: 2, stopLossPct: 2 }),
    );
    stacks.watch(id);
    await stack.tradeUntil('97000000', async () => stack.until(id, 'ExitTriggered', 0));
    const events = await stack.until(id, 'PositionClosed');
    const closed = one(events, 'PositionClosed');
    equal(closed.data.reason, 'stop-loss');
    const ids = (await intentsOf(stack, id)).map((i) => i.identifier);
    assertPnlToTheWon(closed.data.realizedPnlKrw, exchangePnl(stack, ids));
    ok(closed.data.realizedPnlKrw.lt(0));
    await checkInvariants(stack, id);
  });

  it('(d) operator close sells at market and closes with reason operator-close', async () => {
    const stack = await stacks.make({ label: 'd_close' });
    await stack.startAll();
    const id = await runAndActivate(
      stack,
      strategy('e2e-close', { takeProfitPct: 5, stopLossPct: 5 }),
    );
    stacks.watch(id);
    await stack.tradeUntil('100500000', () => {
      equal(stack.lastState(id)?.data.lastPrice?.toString(), '100500000');
    });
    const reply = await stack.command('close', id);
    ok(reply.ok, JSON.stringify(reply));
    const events = await stack.until(id, 'PositionClosed');
    equal(one(events, 'PositionClosed').data.reason, 'operator-close');
    one(events, 'ExitOrderRequested');
    const ids = (await intentsOf(stack, id)).map((i) => i.identifier);
    assertPnlToTheWon(one(events, 'PositionClosed').data.realizedPnlKrw, exchangePnl(stack, ids));
    await checkInvariants(stack, id);
  });

  it('(d) pause holds the take-profit back; resume lets the next tick take it', async () => {
    const stack = await stacks.make({ label: 'd_pause' });
    await stack.startAll();
    const id = await runAndActivate(
      stack,
      strategy('e2e-pause', { takeProfitPct: 2, stopLossPct: 2 }),
    );
    stacks.watch(id);
    ok((await stack.command('pause', id)).ok);
    await stack.until(id, 'PositionPaused');
    // The take-profit level is crossed while paused: the live state sees the price, no exit.
    await stack.tradeUntil('103000000', () => {
      const s = stack.lastState(id)?.data;
      ok(s?.paused === true && s.lastPrice?.toString() === '103000000');
    });
    for (let i = 0; i < 5; i++) stack.trade('103000000');
    await eventually(() => equal(stack.lastState(id)?.data.status, 'active'), 2_000);
    deepStrictEqual(ofType(await stack.events(id), 'ExitTriggered'), [], 'no exit while paused');
    ok((await stack.command('resume', id)).ok);
    await stack.until(id, 'PositionResumed');
    await stack.tradeUntil('103000000', async () => stack.until(id, 'ExitTriggered', 0));
    const events = await stack.until(id, 'PositionClosed');
    equal(one(events, 'PositionClosed').data.reason, 'take-profit');
    await checkInvariants(stack, id);
  });

  it('(f) entry refused for insufficient funds -> error, automation stopped, visible', async () => {
    const stack = await stacks.make({ label: 'f_funds', krw: '50000' });
    await stack.startAll();
    const reply = await stack.run(strategy('e2e-funds', { takeProfitPct: 2, stopLossPct: 2 }));
    ok(reply.ok, JSON.stringify(reply));
    const id = reply.positionId;
    stacks.watch(id);
    const events = await stack.until(id, 'PositionFailed');
    const failed = one(events, 'OrderFailed');
    ok(['denied', 'rejected'].includes(failed.data.cause), failed.data.cause);
    ok(
      /insufficient|balance|funds/i.test(`${failed.data.code} ${failed.data.message}`),
      failed.data.code,
    );
    await eventually(() => equal(stack.lastState(id)?.data.status, 'error'));
    // Automation stopped: a take-profit or stop-loss price changes nothing.
    for (const p of ['103000000', '97000000']) stack.trade(p);
    await stack.tradeUntil('97000000', () => equal(stack.lastState(id)?.data.status, 'error'));
    equal(exchangeOrdersOf(stack, [`${id}-e1`]).length, 0, 'nothing reached the exchange');
    deepStrictEqual(
      (await stack.types(id)).filter((t) => t.endsWith('OrderRequested')),
      ['EntryOrderRequested'],
    );
    await checkInvariants(stack, id);
  });

  it('(e) OCO: take-profit and stop-loss met in one burst -> one exit order', async () => {
    const stack = await stacks.make({ label: 'e_oco' });
    await stack.startAll();
    const id = await runAndActivate(
      stack,
      strategy('e2e-oco', { takeProfitPct: 2, stopLossPct: 2 }),
    );
    stacks.watch(id);
    await stack.tradeUntil('100000000', () =>
      equal(stack.lastState(id)?.data.lastPrice?.toString(), '100000000'),
    );
    for (let i = 0; i < 10; i++) stack.trade(i % 2 === 0 ? '103000000' : '97000000');
    const events = await stack.until(id, 'PositionClosed');
    one(events, 'ExitTriggered');
    one(events, 'ExitOrderRequested');
    const asks = exchangeOrdersOf(stack, [`${id}-x1`, `${id}-x2`]).filter((o) => o.side === 'ask');
    equal(asks.length, 1, 'one exit order on the exchange');
    ok(['take-profit', 'stop-loss'].includes(one(events, 'PositionClosed').data.reason));
    await checkInvariants(stack, id);
  });
});
