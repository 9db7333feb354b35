import { ok } from 'node:assert/strict';
import { measureBreachDetection } from './measure-breach.js';

describe('measureBreachDetection (bench hook)', () => {
  it('times detection before the delivered RiskHalt, both measured', async () => {
    const timing = await measureBreachDetection();
    ok(
      Number.isFinite(timing.detectedMs) && timing.detectedMs >= 0,
      `detected ${timing.detectedMs}`,
    );
    ok(timing.haltDeliveredMs >= timing.detectedMs, JSON.stringify(timing));
  });
});
