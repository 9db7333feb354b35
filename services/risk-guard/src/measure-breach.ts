import { performance } from 'node:perf_hooks';
import { createInProcessBus } from '@hoga/bus';
import { subjects } from '@hoga/contracts';
import { InMemoryEventStore } from '@hoga/event-store';
import { dec } from '@hoga/model';
import { createLogger } from '@hoga/telemetry';
import { startService } from './service.js';
import { accountState, positionState } from './testing/samples.js';

/** One in-process measurement, in ms from publishing the breaching position state. */
export interface BreachTiming {
  /** Until risk-guard found the loss at the limit. */
  readonly detectedMs: number;
  /** Until the `RiskHalt` was delivered to a subscriber. */
  readonly haltDeliveredMs: number;
}

/**
 * Measures breach detection in process (in-process bus, in-memory store): arms a 10% limit on
 * 1,000,000 KRW, publishes a position state losing exactly 100,000 KRW, and times detection and
 * the delivered `RiskHalt`. For `bench/src/risk.bench.ts`.
 */
export async function measureBreachDetection(): Promise<BreachTiming> {
  const bus = createInProcessBus({ logger: createLogger({ service: 'bench', sinks: [] }) });
  const store = new InMemoryEventStore();
  let detectedAt = Number.NaN;
  const service = await startService({
    bus,
    store,
    logger: createLogger({ service: 'risk-guard', sinks: [] }),
    lossLimitPct: dec(10),
    watchdogIntervalMs: 0,
    onBreachDetected: () => (detectedAt = performance.now()),
  });
  try {
    await bus.publish(subjects.accountState(), accountState('1000000'));
    for (let i = 0; i < 500 && service.guard.state.lossLimit === null; i++)
      await new Promise((r) => setTimeout(r, 1));
    if (service.guard.state.lossLimit === null) throw new Error('loss limit was not armed');
    const halted = new Promise<number>((resolve) => {
      void bus.subscribe(subjects.riskHalt(), () => resolve(performance.now()));
    });
    const start = performance.now();
    const losing = positionState('pos-bench', { volume: '0.01', unrealized: '-100000' });
    await bus.publish(subjects.positionState(losing.data.positionId), losing);
    const haltAt = await halted;
    return { detectedMs: detectedAt - start, haltDeliveredMs: haltAt - start };
  } finally {
    await service.stop();
    await bus.close();
    await store.close();
  }
}
