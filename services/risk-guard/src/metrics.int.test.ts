import { equal } from 'node:assert/strict';
import { connectNatsBus, removeNatsNamespace, type Bus } from '@hoga/bus';
import { subjects } from '@hoga/contracts';
import { PostgresEventStore } from '@hoga/event-store';
import {
  createLogger,
  Label,
  METRICS_DEFAULTS,
  Metrics,
  prometheusLabel,
  prometheusName,
  startProcessMetrics,
  type MetricSpec,
  type ProcessMetrics,
} from '@hoga/telemetry';
import {
  createTestSchema,
  eventually,
  sampleValue,
  scrapePrometheus,
  testNamespace,
  testNatsUrl,
  type TestSchema,
} from '@hoga/testkit';
import { Harness } from './testing/harness.js';
import { accountState, positionState, publishPosition } from './testing/samples.js';

const state = prometheusLabel(Label.tradingState);
const scrape = async (metrics: ProcessMetrics) => {
  const s = await scrapePrometheus(metrics.metricsUrl);
  return (m: MetricSpec, labels: Record<string, string> = {}) =>
    sampleValue(s, prometheusName(m), labels);
};

describe('risk-guard metrics (PostgreSQL + NATS)', function () {
  this.timeout(30_000);
  const namespace = testNamespace('risk_metrics');
  let schema: TestSchema;
  let servers: string;
  let store: PostgresEventStore;
  let bus: Bus;
  let metrics: ProcessMetrics;

  before(async () => {
    schema = await createTestSchema('risk_metrics');
    servers = await testNatsUrl();
    store = new PostgresEventStore({ ...schema.poolConfig, max: 4 });
    await store.migrate();
    bus = await connectNatsBus({
      servers,
      namespace,
      logger: createLogger({ service: 'test', sinks: [] }),
    });
    metrics = await startProcessMetrics({ service: 'risk-guard', settings: METRICS_DEFAULTS });
  });
  after(async () => {
    await metrics.stop();
    await bus.close();
    await store.close();
    await removeNatsNamespace({ servers, namespace }).catch(() => undefined);
    await schema.dispose();
  });

  it('exports equity, PnL, loss vs limit and the trading state as the guard sees them', async () => {
    const h = await new Harness(bus, store).start({ metrics });
    try {
      equal((await fetch(`${metrics.url}/health/ready`)).status, 200);
      let read = await scrape(metrics);
      equal(read(Metrics.tradingState, { [state]: 'ACTIVE' }), 1);
      equal(read(Metrics.tradingState, { [state]: 'HALTED' }), 0);
      equal(read(Metrics.equity), undefined, 'no equity before the first account state');
      await bus.publish(subjects.accountState(), accountState('1000000'));
      await eventually(() => equal(h.service.guard.state.lossLimit?.armed, true));
      await publishPosition(bus, positionState('pos-m', { volume: '0.01', unrealized: '-40000' }));
      await eventually(() => equal(h.service.guard.view().evaluation?.lossKrw.toString(), '40000'));
      read = await scrape(metrics);
      equal(read(Metrics.loss), 40000);
      equal(read(Metrics.lossLimit), 100000, '10 % of the equity at arming');
      equal(read(Metrics.unrealizedPnl), -40000);
      equal(read(Metrics.realizedPnl), 0);
      equal(read(Metrics.equity), Number(h.service.guard.equity?.totalKrw.toString()));
      await publishPosition(
        bus,
        positionState('pos-m', { volume: '0.01', unrealized: '-100000', version: 2 }),
      );
      await eventually(() => equal(h.service.guard.state.tradingState, 'HALTED'));
      read = await scrape(metrics);
      equal(read(Metrics.tradingState, { [state]: 'HALTED' }), 1);
      equal(read(Metrics.tradingState, { [state]: 'ACTIVE' }), 0);
    } finally {
      await h.stop();
      await h.close();
    }
    equal((await fetch(`${metrics.url}/health/ready`)).status, 503, 'stopped: not ready');
  });
});
