import { equal, ok } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import { connectNatsBus, opsRequest, removeNatsNamespace, requestOps } from '@hoga/bus';
import type { OpsVerb } from '@hoga/contracts';
import { createLogger, memorySink } from '@hoga/telemetry';
import { createTestSchema, testNamespace, testNatsUrl, type TestSchema } from '@hoga/testkit';
import { startEmulator, type RunningEmulator } from '@hoga/upbit-emulator';
import { start } from './service.js';
import { FAST, KEYS } from './testing/harness.js';

/**
 * Issue 12 item 1: `start({ env })` reads every `HOGA_*` variable from the `env` it is given (the
 * all-in-one's), not from `process.env` — the dead-letter limits of the NATS bus it opens too.
 */
describe('order-executor start({ env }) on NATS', function () {
  this.timeout(30_000);
  let schema: TestSchema;
  let em: RunningEmulator;
  let namespace: string;
  before(async () => {
    schema = await createTestSchema('order_executor_env');
    em = await startEmulator({
      seed: 'oe-env',
      tickIntervalMs: 0,
      historyMinutes: 5,
      markets: [{ market: 'KRW-BTC', startPrice: '100000000' }],
      accounts: [{ ...KEYS, balances: { KRW: '10000000' } }],
      rateLimits: { enabled: false },
    });
    namespace = testNamespace('oe_env');
  });
  after(async () => {
    await removeNatsNamespace({ servers: await testNatsUrl(), namespace });
    await em.close();
    await schema.dispose();
  });

  it("opens its bus with the dead-letter limits of HOGA_DEAD_LETTERS__* in the env it is given, and its status shows that env's settings", async () => {
    ok(process.env['HOGA_DEAD_LETTERS__MAX_MSGS'] === undefined, 'not set for the test process');
    const servers = await testNatsUrl();
    const running = await start({
      env: {
        HOGA_DEAD_LETTERS__MAX_MSGS: '321',
        HOGA_DEAD_LETTERS__MAX_AGE_MS: '3600000',
        HOGA_EXECUTOR__FEE_RATE: '0.00077',
      },
      config: {
        ...FAST,
        upbit: { ...FAST.upbit, baseUrl: em.url, wsUrl: em.privateWsUrl, ...KEYS },
        nats: { url: servers, namespace },
      },
      connections: {
        database: schema.poolConfig,
        logger: createLogger({ service: 'order-executor', sinks: [memorySink()] }),
      },
    });
    const operator = await connectNatsBus({ servers, namespace });
    /** Asks one of the executor's ops endpoints, as `hoga` does. */
    const ask = async <V extends OpsVerb<'order-executor'>>(verb: V, data: unknown) => {
      const request = opsRequest('order-executor', verb, data);
      if (E.isLeft(request)) throw new Error(`bad ${verb} request`);
      const reply = await requestOps(operator, 'order-executor', verb, request.right);
      ok((reply as { ok: boolean }).ok, JSON.stringify(reply));
      return reply as Extract<typeof reply, { ok: true }>;
    };
    try {
      const letters = await ask('deadletters', { subject: null, limit: 10, all: true });
      equal(letters.limits.maxMsgs, 321);
      equal(letters.limits.maxAgeMs, 3_600_000);
      const status = await ask('status', {});
      equal(status.settings.feeRate.toString(), '0.00077');
    } finally {
      await operator.close();
      await running.stop();
    }
  });
});
