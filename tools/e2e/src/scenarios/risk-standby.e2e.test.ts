import { deepStrictEqual, equal, notEqual, ok } from 'node:assert/strict';
import { eventually } from '@hoga/testkit';
import { leadsByLog, leaseSessions, riskGuardLeader } from '../harness/risk-guard-leader.js';
import { RiskWorld } from '../harness/risk-world.js';

const MARKETS = { 'KRW-BTC': '100000000', 'KRW-ETH': '5000000' };
/** About 20 % down on every market. */
const CRASHED = { 'KRW-BTC': '80000000', 'KRW-ETH': '4000000' };
const POSITIONS = 6;
const INSTANCES = ['rg-a', 'rg-b'] as const;
/** How risk-guard's urgent alerts start (ko/en texts alike). */
const URGENT = '🚨 [URGENT]';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('e2e: two risk-guard processes, the leader killed -9 (ADR 0022)', function () {
  this.timeout(180_000);
  const world = new RiskWorld();
  afterEach(function () {
    return world.dispose(this.currentTest?.state === 'failed');
  });

  /**
   * `crashAt`: `'at-once'` crashes the prices right after the kill: depending on timing the
   * standby finds the breach during its take-over (its warm portfolio has seen the crashed ticks)
   * or on the next ticks; `'after-take-over'` waits until the standby leads, so the breach comes
   * from the ticks after it.
   */
  async function killLeaderThenCrash(label: string, crashAt: 'at-once' | 'after-take-over') {
    const { stack: s, telegram } = await world.start({
      label,
      // 6 × 50,000 KRW invested out of 600,000: a 20 % fall loses ~10 % of equity > 5 %.
      krw: '600000',
      markets: MARKETS,
      riskGuards: INSTANCES,
      riskGuardEnv: { HOGA_RISK_GUARD__LEADERSHIP__RETRY_MS: '200' },
    });
    await s.waitArmed(30_000);
    const ids = await s.openPositions(
      { count: POSITIONS, idPrefix: 'e2e-standby-', budgetKrw: '50000' },
      30_000,
    );

    // One leader (pg_locks, its log, `nats micro ls`), one standby with a lease session.
    const first = await riskGuardLeader(s);
    const standby = INSTANCES.find((id) => id !== first.instanceId)!;
    equal(await leaseSessions(s.pool), 2, 'both instances hold a lease session');
    ok(!leadsByLog(s.riskGuard(standby)), `${standby} stands by`);
    equal(await s.riskStatus(), 'ACTIVE');
    const beforeKill = await s.riskEvents();
    equal(beforeKill.filter((e) => e.type === 'LossLimitBreached').length, 0);

    // kill -9 the leader, then crash every market: only the standby can detect the breach.
    await s.riskGuard(first.instanceId).kill9();
    if (crashAt === 'after-take-over') {
      const leader = await riskGuardLeader(s);
      equal(leader.instanceId, standby, 'the standby leads');
      equal((await s.riskKv())?.data.state, 'ACTIVE', 'no breach before the crash');
    }
    await s.crashUntilHalted(CRASHED, 60_000);
    const second = await riskGuardLeader(s);
    equal(second.instanceId, standby, 'the standby leads');
    notEqual(second.microId, first.microId, 'a new hoga-risk-guard micro instance');
    await s.assertAllLiquidated(ids, 60_000);

    const risk = await s.riskEvents();
    const breached = risk.filter((e) => e.type === 'LossLimitBreached');
    const halted = risk.filter(
      (e) => e.type === 'TradingStateChanged' && e.data['to'] === 'HALTED',
    );
    equal(breached.length, 1, `one LossLimitBreached: ${JSON.stringify(risk)}`);
    equal(halted.length, 1, `one TradingStateChanged to HALTED: ${JSON.stringify(risk)}`);
    equal(halted[0]!.data['from'], 'ACTIVE');
    equal((await s.riskKv())?.data.state, 'HALTED');
    deepStrictEqual(
      await s.riskStatusReply(),
      { state: 'HALTED', leader: standby },
      'status names the new leader',
    );

    await eventually(() => equal(telegram.startingWith(URGENT).length, 1), 60_000, 100);
    ok(
      telegram
        .startingWith(URGENT)
        .every((m) => m.chatId === '4242' && m.path.startsWith('/bott0k3n/')),
      JSON.stringify(telegram.startingWith(URGENT)),
    );

    // The operator resumes through the new leader's ops endpoint.
    const resumed = await s.ops('risk-guard', 'resume', 'ResumeTrading', {
      commandId: 'e2e-standby-resume-1',
      issuedBy: 'e2e',
      reason: 'loss reviewed',
    });
    ok(resumed.ok, JSON.stringify(resumed));
    await eventually(async () => equal((await s.riskKv())?.data.state, 'ACTIVE'), 10_000, 100);
    equal(await s.riskStatus(), 'ACTIVE');
    const afterResume = await s.riskEvents();
    equal(
      afterResume.filter(
        (e) =>
          e.type === 'TradingStateChanged' &&
          e.data['from'] === 'HALTED' &&
          e.data['to'] === 'ACTIVE',
      ).length,
      1,
      `one resume: ${JSON.stringify(afterResume)}`,
    );

    // The killed instance comes back as a standby: no second leader, nothing appended.
    const back = await s.startRiskGuard(first.instanceId);
    const started = back.records().find((r) => r['msg'] === 'risk-guard started');
    equal(started?.['leader'], false, JSON.stringify(started));
    await eventually(async () => equal(await leaseSessions(s.pool), 2), 10_000, 100);
    await sleep(1_500); // several retry periods (200 ms) of the restarted standby
    const third = await riskGuardLeader(s);
    equal(third.instanceId, standby, 'still the same leader');
    equal(third.microId, second.microId, 'the same hoga-risk-guard instance answers');
    ok(!leadsByLog(back), `${first.instanceId} stands by`);
    deepStrictEqual(await s.riskEvents(), afterResume, 'nothing appended by the restart');
    equal((await s.riskKv())?.data.state, 'ACTIVE');
    equal(await s.riskStatus(), 'ACTIVE');
    equal(telegram.startingWith(URGENT).length, 1, 'one urgent alert in all');
    s.assertOneOrderPerIdentifier();
  }

  it('kill -9 of the leader, prices crashed at once: the standby takes over, detects the breach once, liquidates every position once, alerts once, resumes; the restarted instance stands by', () =>
    killLeaderThenCrash('risk_standby_now', 'at-once'));

  it('kill -9 of the leader, prices crashed once the standby leads: same outcome', () =>
    killLeaderThenCrash('risk_standby_later', 'after-take-over'));
});
