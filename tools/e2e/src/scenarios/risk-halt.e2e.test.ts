import { equal, ok } from 'node:assert/strict';
import { eventually } from '@hoga/testkit';
import { RiskWorld } from '../harness/risk-world.js';

const MARKETS = { 'KRW-BTC': '100000000', 'KRW-ETH': '5000000', 'KRW-SOL': '1000000' };
/** About 20 % down on every market. */
const CRASHED = { 'KRW-BTC': '80000000', 'KRW-ETH': '4000000', 'KRW-SOL': '800000' };
const POSITIONS = 20;
/** How risk-guard's urgent alerts start (ko/en texts alike). */
const URGENT = '🚨 [URGENT]';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('e2e: risk-guard halts on the loss limit and liquidates (processes)', function () {
  this.timeout(90_000);
  const world = new RiskWorld();
  afterEach(function () {
    return world.dispose(this.currentTest?.state === 'failed');
  });

  async function start(label: string, telegramDown: boolean) {
    const { stack: s, telegram } = await world.start(
      // 20 × 50,000 KRW invested out of 2,000,000: a 20 % fall loses ~10 % of equity > 5 %.
      { label, krw: '2000000', markets: MARKETS },
      telegramDown,
    );
    // risk-guard owns the trading state: ACTIVE with the limit armed on the first account state.
    await s.waitArmed();
    const ids = await s.openPositions({
      count: POSITIONS,
      idPrefix: 'e2e-risk-',
      budgetKrw: '50000',
    });
    return { s, ids, telegram };
  }

  it('loss limit breached: HALTED, all 20 positions liquidated once, one urgent Telegram; HALTED survives a restart of every service until an operator resume', async () => {
    const { s, ids, telegram: tg } = await start('risk_halt', false);
    await s.crashUntilHalted(CRASHED);
    await s.assertAllLiquidated(ids);
    await eventually(() => equal(tg.startingWith(URGENT).length, 1), 15_000, 100);
    ok(
      tg.startingWith(URGENT).every((m) => m.chatId === '4242' && m.path.startsWith('/bott0k3n/')),
      JSON.stringify(tg.startingWith(URGENT)),
    );

    await s.killAll();
    await s.start();
    equal((await s.riskKv())?.data.state, 'HALTED', 'KV after the restart');
    equal(await s.riskStatus(), 'HALTED');
    const refused = await s.run({
      id: 'e2e-risk-after',
      market: 'KRW-BTC',
      budgetKrw: '50000',
      entry: 'immediate',
      exit: { takeProfitPct: 50, stopLossPct: 50 },
    });
    ok(!refused.ok, JSON.stringify(refused));
    equal(refused.error?.code, 'denied');

    const resumed = await s.ops('risk-guard', 'resume', 'ResumeTrading', {
      commandId: 'e2e-resume-1',
      issuedBy: 'e2e',
      reason: 'loss reviewed',
    });
    ok(resumed.ok, JSON.stringify(resumed));
    await eventually(async () => equal((await s.riskKv())?.data.state, 'ACTIVE'), 5_000, 100);
    equal(await s.riskStatus(), 'ACTIVE');
    equal(
      tg.startingWith(URGENT).length,
      1,
      'the urgent alert is not sent again after the restart',
    );
  });

  it('Telegram down during the breach: liquidation completes; the alert is delivered once when it is back', async () => {
    const { s, ids, telegram: tg } = await start('risk_tg_down', true);
    await s.crashUntilHalted(CRASHED);
    await s.assertAllLiquidated(ids);
    await eventually(() => ok(tg.failedCalls > 0, 'an attempt was made'), 10_000, 100);
    equal(tg.startingWith(URGENT).length, 0);
    tg.failing = false;
    await eventually(() => equal(tg.startingWith(URGENT).length, 1), 20_000, 100);
    await sleep(1_500);
    equal(tg.startingWith(URGENT).length, 1, 'delivered once');
  });
});
