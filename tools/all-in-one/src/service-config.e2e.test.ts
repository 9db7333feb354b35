import { equal, ok } from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectNatsBus } from '@hoga/bus';
import { subjects } from '@hoga/contracts';
import { hogaCli, runEngine, runtimeOf } from './testing/engine-process.js';

/**
 * Issue 12 item 1: `npm start` builds each service's config through the service's own loader, so
 * every service's `HOGA_*` variables work in the all-in-one as they do when it runs alone; a bad
 * value stops it before anything starts, naming the service and the variable.
 */
describe("npm start (all-in-one): each service's own variables", function () {
  this.timeout(180_000);
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'hoga-all-in-one-config-'));
    chmodSync(root, 0o755);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('a bad value stops it at once with an error naming the service and the variable', async () => {
    const home = join(root, 'bad');
    const engine = runEngine(home, { HOGA_POSITION_ACTOR__FEE_RATE: 'a lot' });
    equal(await engine.exited, 1, engine.output());
    const out = engine.output();
    ok(out.includes('failed to start'), out);
    ok(out.includes('position-actor'), out);
    ok(out.includes('HOGA_POSITION_ACTOR__FEE_RATE'), out);
    ok(!existsSync(join(home, 'runtime.json')), 'nothing started');
  });

  it("every service runs with its own variables: fee rates, partitions, limits, loss limit, candle intervals, login link's life, dead-letter limits", async () => {
    const home = join(root, 'home');
    const engine = runEngine(home, {
      HOGA_POSITION_ACTOR__FEE_RATE: '0.00123',
      HOGA_POSITION_ACTOR__PARTITIONS: '5',
      HOGA_EXECUTOR__FEE_RATE: '0.00077',
      HOGA_LIMITS__MAX_OPEN_POSITIONS: '42',
      HOGA_RISK_GUARD__LOSS_LIMIT_PCT: '7.5',
      HOGA_MARKET_FEED__CANDLES__INTERVALS: '1m,3m,5m,15m,60m',
      HOGA_DASHBOARD_GATEWAY__LOGIN_CODE_TTL_MS: '420000',
      HOGA_DEAD_LETTERS__MAX_MSGS: '4321',
    });
    try {
      await engine.until('started engine', (o) => o.includes('engine started'), 120_000);
      const out = engine.output();
      ok(/risk {7}.*loss limit 7\.5%/.test(out), `risk-guard's loss limit in\n${out}`);
      ok(out.includes('(one use, 7 min;'), `the dashboard's login code life in\n${out}`);
      const runtime = runtimeOf(home);
      ok(runtime.natsUrl, 'the engine runs nats-server');
      const hoga = hogaCli(runtime.natsUrl);

      const ticks = hoga('ticks', 'status', '--json');
      equal(ticks.status, 0, ticks.stderr);
      // two pretty-printed replies, market-feed's then position-actor's
      const actor = JSON.parse(ticks.stdout.trim().split(/\n(?=\{)/)[1] ?? '') as {
        config: { feeRate: string; partitions: number };
      };
      equal(actor.config.feeRate, '0.00123');
      equal(actor.config.partitions, 5);

      const executor = hoga('executor', 'status', '--json');
      equal(executor.status, 0, executor.stderr);
      const settings = (
        JSON.parse(executor.stdout) as {
          settings: { feeRate: string; maxOpenPositions: number | null; partitions: number };
        }
      ).settings;
      equal(settings.feeRate, '0.00077');
      equal(settings.maxOpenPositions, 42);
      // one variable, read by both: order events go to the partitions position-actor consumes
      equal(settings.partitions, 5);
      const text = hoga('executor', 'status');
      equal(text.status, 0, text.stderr);
      ok(text.stdout.includes('fee rate        0.00077'), text.stdout);

      // every service's bus keeps dead letters within the limits of HOGA_DEAD_LETTERS__*
      for (const service of ['order-executor', 'position-actor', 'risk-guard']) {
        const letters = hoga('deadletters', service, '--json');
        equal(letters.status, 0, letters.stderr);
        const { limits } = JSON.parse(letters.stdout) as { limits: { maxMsgs: number } };
        equal(limits.maxMsgs, 4321, service);
      }

      // market-feed builds 3m candles, an interval only its variable adds
      const bus = await connectNatsBus({ servers: runtime.natsUrl, namespace: '' });
      try {
        const seen = new Promise<string>((resolve) => {
          void bus.subscribe(subjects.mdCandle('3m', '*'), (d) => resolve(d.data.data.market));
        });
        const market = await Promise.race([
          seen,
          new Promise<never>((_, reject) =>
            setTimeout(() => reject(new Error('no 3m candle within 60 s')), 60_000),
          ),
        ]);
        ok(market.startsWith('KRW-'), market);
      } finally {
        await bus.close();
      }
    } finally {
      equal(await engine.stop(), 0, engine.output());
    }
  });
});
