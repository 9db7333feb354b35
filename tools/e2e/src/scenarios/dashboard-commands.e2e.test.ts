import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { PositionId } from '@hoga/model';
import { DashboardSession } from '../harness/dashboard-session.js';
import { checkInvariants, intentsOf } from '../harness/invariants.js';
import { useStacks } from '../harness/scenario.js';

const SPEC = `# what the operator pastes into the dashboard
id: e2e-dashboard
market: KRW-BTC
budgetKrw: "100000"
entry: immediate
exit:
  takeProfitPct: 10
  stopLossPct: 10
`;

interface Receipt {
  readonly commandId: string;
  readonly status: string;
  readonly issuedBy: string;
  readonly event?: { readonly type: string; readonly streamId: string };
}
interface StoredEntry {
  readonly event: { readonly type: string; readonly data: Record<string, unknown> };
  readonly stateAfter: { readonly status: string };
}

describe('e2e: a position from "run strategy" to closed through the dashboard-gateway alone', function () {
  this.timeout(90_000);
  const stacks = useStacks();

  it('runs the strategy, watches it fill and closes it with HTTP commands, observed on the live socket and the history routes', async () => {
    const stack = await stacks.make({ label: 'gw_commands' });
    await stack.startAll();
    await stack.start('dashboard-gateway');
    const page = await DashboardSession.login(stack.bus, 'dashboard:e2e-operator', 'operator');
    await page.live(['commands', 'positions']);
    const receipts = (commandId: string) => page.values('commands', commandId) as Receipt[];
    const statuses = (commandId: string) => receipts(commandId).map((r) => r.status);

    // "run strategy": one command id for the click, resent while position-actor is not ready
    const runId = randomUUID();
    const run = await page.command('/api/strategies', {
      commandId: runId,
      spec: SPEC,
      reason: 'e2e',
    });
    equal(run.status, 200, run.text);
    const positionId = (run.json as { positionId: PositionId }).positionId;
    stacks.watch(positionId);
    page.sub(`position/${positionId}`);
    await page.until(() => statuses(runId).includes('done'), 'the run to be done');
    equal(receipts(runId).find((r) => r.status === 'done')?.event?.type, 'PositionOpened');

    // the entry fills: the positions channel shows it active
    const stateOf = () =>
      (page.values('positions', positionId).at(-1) as { status?: string } | null)?.status;
    await page.until(() => stateOf() === 'active', 'the position to be active');
    const summary = await page.get(`/api/positions/${positionId}`);
    equal(summary.status, 200, summary.text);

    // close it, clicked twice: one effect
    const closeId = randomUUID();
    const [close, again] = await Promise.all([
      page.command(`/api/positions/${positionId}/close`, {
        commandId: closeId,
        reason: 'done for today',
      }),
      page.command(`/api/positions/${positionId}/close`, {
        commandId: closeId,
        reason: 'done for today',
      }),
    ]);
    equal(close.status, 200, close.text);
    deepStrictEqual(again.json, close.json);
    await page.until(() => stateOf() === 'closed', 'the position to be closed');
    await page.until(() => statuses(closeId).includes('done'), 'the close to be done');
    deepStrictEqual(statuses(closeId), ['sent', 'accepted', 'done']);
    const done = receipts(closeId).at(-1);
    deepStrictEqual(
      [done?.event?.type, done?.issuedBy],
      ['CloseRequested', 'dashboard:e2e-operator'],
    );
    const latest = await page.get(`/api/commands/${closeId}`);
    equal((latest.json as Receipt).status, 'done');

    // the position's own channel carries its stored events with the state after each
    const pushed = await page.until(
      () =>
        (page.values(`position/${positionId}`) as StoredEntry[]).find(
          (e) => e.event.type === 'PositionClosed',
        ),
      'PositionClosed on the position channel',
    );
    equal(pushed.stateAfter.status, 'closed');
    const history = await page.get(`/api/positions/${positionId}/events`);
    equal(history.status, 200, history.text);
    const entries = (history.json as { events: StoredEntry[] }).events;
    const types = entries.map((e) => e.event.type);
    ok(types.includes('PositionActivated'), types.join());
    deepStrictEqual(
      entries.filter((e) => e.event.type === 'CloseRequested').map((e) => e.event.data),
      [{ commandId: closeId, issuedBy: 'dashboard:e2e-operator', reason: 'done for today' }],
    );
    const opened = entries.find((e) => e.event.type === 'PositionOpened');
    equal(opened?.event.data['openedBy'], 'dashboard:e2e-operator');
    const closed = entries.find((e) => e.event.type === 'PositionClosed');
    equal(closed?.event.data['reason'], 'operator-close');
    equal(entries.at(-1)?.stateAfter.status, 'closed');

    // one entry and one exit on the exchange; the invariants of every scenario hold
    equal((await intentsOf(stack, positionId)).length, 2);
    await checkInvariants(stack, positionId);
    await page.close();
  });
});
