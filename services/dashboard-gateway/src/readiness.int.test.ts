import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { METRICS_DEFAULTS, startProcessMetrics, type ProcessMetrics } from '@hoga/telemetry';
import { startService } from './service.js';
import { GatewayHarness } from './testing/gateway-harness.js';

const readiness = async (metrics: ProcessMetrics) => {
  const answer = await fetch(`${metrics.url}/health/ready`);
  return { status: answer.status, checks: ((await answer.json()) as { checks: unknown }).checks };
};

describe('dashboard-gateway readiness (/health/ready, as the all-in-one serves it)', function () {
  this.timeout(30_000);
  const harness = new GatewayHarness('gateway_ready');
  let metrics: ProcessMetrics;
  before(async () => {
    await harness.start();
    metrics = await startProcessMetrics({ service: 'hoga', settings: METRICS_DEFAULTS });
  });
  after(async () => {
    await metrics.stop();
    await harness.stop();
  });

  it('registers a check on the process metrics it is given, ready while NATS answers, gone when stopped', async () => {
    deepStrictEqual((await readiness(metrics)).checks, {});
    const gateway = await startService({
      bus: harness.bus,
      store: harness.store,
      logger: harness.logger,
      database: harness.schema.poolConfig,
      settings: { port: 0 },
      metrics,
    });
    const ready = await readiness(metrics);
    strictEqual(ready.status, 200);
    deepStrictEqual(ready.checks, { 'dashboard-gateway': true });
    await gateway.stop();
    deepStrictEqual((await readiness(metrics)).checks, {});
  });
});
