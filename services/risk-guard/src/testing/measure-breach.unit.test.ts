import { ok, strictEqual } from 'node:assert/strict';
import { measureBreachDetection } from './measure-breach.js';

describe('measureBreachDetection (bench hook)', () => {
  it('times detection before the delivered RiskHalt, for every sample of one warm guard', async () => {
    const timings = await measureBreachDetection(3);
    strictEqual(timings.length, 3);
    for (const timing of timings) {
      ok(
        Number.isFinite(timing.detectedMs) && timing.detectedMs >= 0,
        `detected ${timing.detectedMs}`,
      );
      ok(timing.haltDeliveredMs >= timing.detectedMs, JSON.stringify(timing));
    }
  });
});
