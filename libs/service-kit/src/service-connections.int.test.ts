import { equal, ok, rejects } from 'node:assert/strict';
import { Opened } from '@hoga/config';
import { createInProcessBus } from '@hoga/bus';
import { createLogger, METRICS_DEFAULTS, unservedMetrics } from '@hoga/telemetry';
import type { EventStore } from '@hoga/event-store';
import { createTestSchema, testNamespace, testNatsUrl } from '@hoga/testkit';
import { openBaseConnections, openEventStore } from './service-connections.js';

describe('service-kit: what every service opens', () => {
  it('opens the bus, the bus log sink and a metrics listener, and closes them with what was opened', async () => {
    const opened = new Opened();
    const nats = { url: await testNatsUrl(), namespace: testNamespace('kit') };
    const base = await openBaseConnections(
      { service: 'kit-test', nats, metrics: METRICS_DEFAULTS, env: {} },
      {},
      opened,
    );
    ok(base.ownMetrics, 'its own listener');
    equal(base.metrics, base.ownMetrics);
    const scraped = await fetch(base.ownMetrics.metricsUrl);
    equal(scraped.status, 200);
    base.logger.info('kit line'); // reaches stdout and the bus sink without throwing
    await opened.close();
    await rejects(fetch(base.ownMetrics.metricsUrl), 'the listener is closed');
  });

  it('uses what it is given and never closes it', async () => {
    const opened = new Opened();
    const closed: string[] = [];
    const real = createInProcessBus();
    const bus = new Proxy(real, {
      get: (target, key) =>
        key === 'close' ? () => void closed.push('bus') : (Reflect.get(target, key) as unknown),
    });
    const logger = createLogger({ service: 'given', sinks: [] });
    const metrics = unservedMetrics();
    const base = await openBaseConnections(
      {
        service: 'kit-test',
        nats: { url: 'nats://127.0.0.1:1', namespace: 'unused' },
        metrics: METRICS_DEFAULTS,
        env: {},
      },
      { bus, logger, metrics },
      opened,
    );
    equal(base.bus, bus);
    equal(base.logger, logger);
    equal(base.metrics, metrics);
    equal(base.ownMetrics, undefined);
    await opened.close();
    equal(closed.length, 0, 'nothing given is closed');
    await real.close();
  });

  it('opens the event store migrated, and a start that fails later closes it', async () => {
    const schema = await createTestSchema('kit');
    try {
      const opened = new Opened();
      let store: EventStore | undefined;
      await rejects(
        opened.orClose(async () => {
          store = await openEventStore(opened, { ...schema.poolConfig, max: 2 });
          equal((await store.readStream('kit-1')).length, 0, 'migrated: its tables exist');
          throw new Error('later step failed');
        }),
        /later step failed/,
      );
      ok(store);
      await rejects(store.readStream('kit-1'), 'closed with the failed start');
    } finally {
      await schema.dispose();
    }
  });
});
