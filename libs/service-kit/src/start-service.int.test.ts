import { deepEqual, equal, ok, rejects } from 'node:assert/strict';
import { createInProcessBus, removeNatsNamespace } from '@hoga/bus';
import { METRICS_DEFAULTS } from '@hoga/telemetry';
import { InMemoryEventStore } from '@hoga/event-store';
import { testNamespace, testNatsUrl } from '@hoga/testkit';
import { startWithBase, startWithStore } from './start-service.js';

describe('service-kit: the one start', () => {
  it("startWithBase: the bus it opens keeps dead letters per HOGA_DEAD_LETTERS__* of the start's env, not process.env", async () => {
    const nats = { url: await testNatsUrl(), namespace: testNamespace('kit_env') };
    const load = (sources: { env: NodeJS.ProcessEnv; overrides?: unknown }) => ({
      nats,
      metrics: METRICS_DEFAULTS,
      seen: sources.env['HOGA_DEAD_LETTERS__MAX_MSGS'],
    });
    ok(process.env['HOGA_DEAD_LETTERS__MAX_MSGS'] === undefined, 'not set for the test process');
    let limits: { maxAgeMs: number; maxMsgs: number } | undefined;
    const running = await startWithBase(
      'kit-test',
      { env: { HOGA_DEAD_LETTERS__MAX_MSGS: '321', HOGA_DEAD_LETTERS__MAX_AGE_MS: '3600000' } },
      load,
      async ({ bus, config }) => {
        equal(config.seen, '321');
        limits = (await bus.keptDeadLetters()).limits;
        return { stop: () => Promise.resolve() };
      },
    );
    try {
      equal(limits?.maxMsgs, 321);
      equal(limits.maxAgeMs, 3_600_000);
    } finally {
      await running.stop();
      await removeNatsNamespace({ servers: nats.url, namespace: nats.namespace });
    }
  });

  it('startWithStore: config from env and overrides, the service drained then what was opened closed; a failed start closes what it opened', async () => {
    const bus = createInProcessBus();
    const store = new InMemoryEventStore();
    const steps: string[] = [];
    const load = (sources: { env: NodeJS.ProcessEnv; overrides?: unknown }) => ({
      nats: { url: 'nats://127.0.0.1:1', namespace: 'unused' },
      metrics: METRICS_DEFAULTS,
      database: { url: 'postgres://unused@127.0.0.1:1/x' },
      name: `${sources.env['KIT_NAME'] ?? '?'}/${JSON.stringify(sources.overrides)}`,
    });
    let metricsUrl = '';
    const running = await startWithStore(
      'kit-test',
      { env: { KIT_NAME: 'from-env' }, config: { a: 1 }, connections: { bus, store } },
      load,
      2,
      async ({ config, store: used, ownMetrics }) => {
        equal(config.name, 'from-env/{"a":1}');
        equal(used, store, 'the given store');
        ok(ownMetrics);
        metricsUrl = ownMetrics.metricsUrl;
        return {
          stop: async () => {
            await new Promise((resolve) => setTimeout(resolve, 20));
            steps.push('drained');
          },
        };
      },
    );
    equal((await fetch(metricsUrl)).status, 200);
    const first = running.stop();
    await running.stop();
    deepEqual(steps, ['drained'], 'a second stop waits for the first: drained once');
    await first;
    await rejects(fetch(metricsUrl), 'its own listener closed after the drain');
    await rejects(
      startWithStore(
        'kit-test',
        { env: {}, connections: { bus, store } },
        load,
        2,
        async ({ ownMetrics }) => {
          metricsUrl = ownMetrics!.metricsUrl;
          throw new Error('built half');
        },
      ),
      /built half/,
    );
    await rejects(fetch(metricsUrl), 'a failed start closed its listener');
    await bus.close();
  });
});
