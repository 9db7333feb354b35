import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { opsRequest, requestOps } from '@hoga/bus';
import { eventStreams } from '@hoga/contracts';
import { FakeTelegram } from '@hoga/notify/testing';
import { eventually } from '@hoga/testkit';
import * as E from 'fp-ts/lib/Either.js';
import { RiskStack } from '../harness/risk-stack.js';
import { checkAudit } from '../harness/invariants.js';
import { E2E_ACCESS_KEY } from '../harness/service-env.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Issue 15 item 2 in distributed mode (ADR 0026): four service processes, risk-guard owning the
 * trading state, order-executor's account watch with policy `halt` for foreign orders. A person
 * places a limit order on the same account: one Telegram alert, the finding recorded, risk-guard
 * HALTED by `order-executor:account-watch` (every position liquidated once), the finding visible
 * until an operator acknowledges it (who and why recorded).
 */
describe('e2e: an order hoga did not place, policy halt (processes)', function () {
  this.timeout(120_000);
  let stack: RiskStack | undefined;
  let telegram: FakeTelegram | undefined;
  afterEach(async function () {
    try {
      if (this.currentTest?.state === 'failed' && stack !== undefined)
        console.error(`----- services log (${stack.logFile}) -----\n${stack.log().slice(-40_000)}`);
      else if (stack !== undefined) await checkAudit(stack.pool, stack.emulator);
    } finally {
      await stack?.dispose();
    }
    await telegram?.close();
  });

  const ops = async <V extends 'account' | 'ack'>(verb: V, data: unknown) => {
    const request = opsRequest('order-executor', verb, data);
    if (E.isLeft(request)) throw new Error(request.left.message);
    return requestOps(stack!.bus, 'order-executor', verb, request.right, { timeoutMs: 3_000 });
  };
  const status = async () => {
    const reply = await ops('account', { includeAcknowledged: false });
    ok(reply.ok, JSON.stringify(reply));
    return reply as Extract<typeof reply, { ok: true }> & { openFindings: number };
  };
  const findingEvents = async () =>
    (
      await stack!.pool.query<{ type: string; data: Record<string, unknown> }>(
        'select type, data from events where stream_id = $1 order by stream_version',
        [eventStreams.accountFindings],
      )
    ).rows;

  it('one alert, one finding, HALTED by the watch, positions liquidated once, acknowledged with who and why', async () => {
    telegram = new FakeTelegram();
    const url = await telegram.listen();
    stack = await new RiskStack({
      label: 'foreign_orders',
      krw: '2000000',
      markets: { 'KRW-BTC': '100000000' },
      env: {
        'risk-guard': {
          HOGA_RISK_GUARD__LOSS_LIMIT_PCT: '50',
          HOGA_NOTIFY__TELEGRAM__TOKEN: 't0k3n',
          HOGA_NOTIFY__TELEGRAM__CHAT_IDS: '4242',
          HOGA_NOTIFY__TELEGRAM__BASE_URL: url,
        },
        'order-executor': {
          HOGA_ACCOUNT_WATCH__INTERVAL_MS: '300',
          HOGA_ACCOUNT_WATCH__POLICY__FOREIGN_ORDER: 'halt',
        },
      },
    }).init();
    await stack.start();
    const s = stack;
    await s.waitArmed();
    const ids = await s.openPositions({ count: 2, idPrefix: 'e2e-foreign-', budgetKrw: '50000' });

    // hoga's own orders, however many passes look at them, are never findings.
    await sleep(1_500);
    deepStrictEqual((await eventually(status, 10_000, 200)).findings, []);

    const placed = s.emulator.admin.placeOrderAs(E2E_ACCESS_KEY, {
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'limit',
      price: '90000000',
      volume: '0.001',
    });
    const findingId = `foreign-order:${String(placed['uuid'])}`;

    await eventually(async () => equal((await s.riskKv())?.data.state, 'HALTED'), 15_000, 100);
    const halted = (await s.riskEvents()).filter((e) => e.type === 'TradingStateChanged');
    equal(halted.at(-1)?.data['by'], 'order-executor:account-watch');
    equal(halted.at(-1)?.data['commandId'], `finding-${findingId}`);
    await s.assertAllLiquidated(ids);

    await eventually(
      () => ok(telegram!.messages.some((m) => m.text.includes(findingId))),
      15_000,
      100,
    );
    const alerts = telegram.messages.filter((m) => m.text.includes(findingId));
    equal(alerts.length, 1, 'one alert for the finding');
    for (const part of ['KRW-BTC', '90000000', '0.001', 'wait'])
      ok(alerts[0]!.text.includes(part), `${part} in ${alerts[0]!.text}`);

    const open = await status();
    equal(open.openFindings, 1);
    equal(open.findings[0]?.finding.findingId, findingId);
    equal(open.findings[0]?.action?.tradingState, 'HALTED');
    deepStrictEqual(
      (await findingEvents()).map((e) => e.type),
      ['AccountFindingRecorded', 'AccountFindingActed'],
    );

    const acked = await ops('ack', {
      findingId,
      commandId: 'e2e-ack-1',
      issuedBy: 'e2e:operator',
      reason: 'a person traded in the app',
    });
    ok(acked.ok, JSON.stringify(acked));
    equal((await status()).openFindings, 0);
    const events = await findingEvents();
    equal(events.at(-1)?.type, 'AccountFindingAcknowledged');
    deepStrictEqual(
      [events.at(-1)?.data['issuedBy'], events.at(-1)?.data['reason']],
      ['e2e:operator', 'a person traded in the app'],
    );
    await sleep(1_000);
    equal(
      telegram.messages.filter((m) => m.text.includes(findingId)).length,
      1,
      'no alert per pass',
    );
    equal((await s.riskKv())?.data.state, 'HALTED', "leaving HALTED stays the operator's resume");
  });
});
