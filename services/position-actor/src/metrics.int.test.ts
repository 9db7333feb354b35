import { deepEqual, equal, ok } from 'node:assert/strict';
import { connectNatsBus, removeNatsNamespace, type Bus } from '@hoga/bus';
import { PostgresEventStore } from '@hoga/event-store';
import {
  Label,
  METRICS_DEFAULTS,
  Metrics,
  prometheusLabel,
  prometheusName,
  startProcessMetrics,
  type ProcessMetrics,
} from '@hoga/telemetry';
import {
  createTestSchema,
  sampleValue,
  samplesOf,
  scrapePrometheus,
  testNamespace,
  testNatsUrl,
  type TestSchema,
} from '@hoga/testkit';
import { orderEventConsumer } from './app/partitions/partition-hosting.js';
import { Harness } from './testing/harness.js';
import { fillEntry, runImmediate, takeProfit } from './testing/happy-path.js';

const POSITIONS = prometheusName(Metrics.positions);
const status = prometheusLabel(Label.positionStatus);
const LATENCY = `${prometheusName(Metrics.tickToOrder)}_count`;

describe('position-actor metrics (PostgreSQL + NATS JetStream)', function () {
  this.timeout(30_000);
  let schema: TestSchema;
  let store: PostgresEventStore;
  let bus: Bus;
  let namespace: string;
  let metrics: ProcessMetrics;
  let h: Harness;

  before(async () => {
    schema = await createTestSchema('actor_metrics');
    store = new PostgresEventStore(schema.poolConfig);
    await store.migrate();
    namespace = testNamespace('actor_metrics');
    bus = await connectNatsBus({ servers: await testNatsUrl(), namespace });
    metrics = await startProcessMetrics({ service: 'position-actor', settings: METRICS_DEFAULTS });
  });
  after(async () => {
    await h.dispose();
    await metrics.stop();
    await bus.close();
    await removeNatsNamespace({ servers: await testNatsUrl(), namespace });
    await store.close();
    await schema.dispose();
  });

  /** Positions by status as `hoga positions` (the list endpoint) shows them. */
  async function listedByStatus(): Promise<Map<string, number>> {
    const reply = await h.list();
    ok(reply.ok);
    const counts = new Map<string, number>();
    for (const p of reply.positions) counts.set(p.status, (counts.get(p.status) ?? 0) + 1);
    return counts;
  }

  async function assertPositionsMatchTheList(): Promise<void> {
    await h.service.idle();
    const listed = await listedByStatus();
    const scraped = await scrapePrometheus(metrics.metricsUrl);
    for (const s of ['pending', 'active', 'closing', 'closed', 'error'])
      equal(sampleValue(scraped, POSITIONS, { [status]: s }), listed.get(s) ?? 0, s);
  }

  it('counts positions by status as the list shows them, and times the tick that took profit', async () => {
    h = await new Harness(bus, store).start(50, { metrics });
    const ready = await fetch(`${metrics.url}/health/ready`);
    equal(ready.status, 200, await ready.text());
    const id = await runImmediate(h);
    await assertPositionsMatchTheList();
    equal((await listedByStatus()).get('pending'), 1);
    await fillEntry(h, id);
    await assertPositionsMatchTheList();
    equal((await listedByStatus()).get('active'), 1);
    const before = await scrapePrometheus(metrics.metricsUrl);
    equal(sampleValue(before, LATENCY, { [prometheusLabel(Label.market)]: 'KRW-BTC' }), undefined);
    await takeProfit(h, id);
    await assertPositionsMatchTheList();
    equal((await listedByStatus()).get('closed'), 1);
    const after = await scrapePrometheus(metrics.metricsUrl);
    equal(
      sampleValue(after, LATENCY, { [prometheusLabel(Label.market)]: 'KRW-BTC' }),
      1,
      'the take-profit tick led to one exit order',
    );
    const lag = sampleValue(after, prometheusName(Metrics.outboxLag), {
      [prometheusLabel(Label.service)]: 'position-actor',
    });
    ok(lag !== undefined && lag >= 0 && lag < 5, String(lag));
    const backlogs = samplesOf(after, prometheusName(Metrics.consumerPending));
    deepEqual(
      backlogs.map((b) => b.labels[prometheusLabel(Label.consumer)]).sort(),
      h.service
        .owned()
        .map((p) => orderEventConsumer('position-actor', p))
        .sort(),
      'one backlog per owned partition consumer',
    );
    ok(backlogs.every((b) => b.value >= 0));
  });

  it('is not ready once stopped', async () => {
    await h.stop();
    const ready = await fetch(`${metrics.url}/health/ready`);
    equal(ready.status, 503);
    h = await new Harness(bus, store).start(50, { metrics });
  });
});
