import { performance } from 'node:perf_hooks';
import * as E from 'fp-ts/lib/Either.js';
import { createInProcessBus } from '@hoga/bus';
import { subjects, type Tick } from '@hoga/contracts';
import { InMemoryEventStore } from '@hoga/event-store';
import { dec, price, volume, type Market } from '@hoga/model';
import { DEFAULT_PRICE_SANITY } from '@hoga/position';
import { createLogger } from '@hoga/telemetry';
import { startService } from '../service.js';
import { accountState, positionState } from './samples.js';

/** One in-process measurement, in ms from publishing the breaching tick. */
export interface BreachTiming {
  /** Until risk-guard found the loss at the limit. */
  readonly detectedMs: number;
  /** Until the `RiskHalt` was delivered to a subscriber. */
  readonly haltDeliveredMs: number;
}

const MARKET = 'KRW-BTC' as Market;
const STAMP = { issuedBy: 'bench', reason: 'next sample' };
/** Pause between samples, so one sample's resume and re-arm work is not timed in the next. */
const SETTLE_MS = 5;

const tick = (px: string, n: number): Tick => ({
  id: `bench-tick-${n}`,
  type: 'Tick',
  occurredAt: new Date().toISOString(),
  causationId: null,
  correlationId: `bench-tick-${n}`,
  data: {
    market: MARKET,
    price: price(px),
    volume: volume('0.01'),
    side: 'ask',
    tradeTimestamp: Date.now(),
    sequentialId: n,
    bestBid: null,
    bestAsk: null,
  },
});

async function until(probe: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000 && !probe(); i++) await new Promise((r) => setImmediate(r));
  if (!probe()) throw new Error(`measureBreachDetection: ${what} did not happen`);
}

/**
 * Measures breach detection in process (in-process bus, in-memory store), warm: one risk-guard
 * holding 0.01 BTC at 100,000,000 against a 10 % limit on 1,000,000 KRW. Each sample publishes a
 * tick at 80,000,000 (a 200,000 KRW loss, marked from the tick alone) and times detection and
 * the delivered `RiskHalt`; then the operator resumes, the price recovers, the limit is armed
 * again and, after a short pause for that work to settle, the next sample starts. For
 * `bench/src/risk.bench.ts`.
 */
export async function measureBreachDetection(samples: number): Promise<BreachTiming[]> {
  const bus = createInProcessBus({ logger: createLogger({ service: 'bench', sinks: [] }) });
  const store = new InMemoryEventStore();
  const at = { detected: Number.NaN, halt: Number.NaN };
  const service = await startService({
    bus,
    store,
    logger: createLogger({ service: 'risk-guard', sinks: [] }),
    lossLimitPct: dec(10),
    watchdogIntervalMs: 0,
    // The breach path alone: the tick gate's hold (ADR 0024) is measured by `bench -- tick-gate`.
    priceSanity: { ...DEFAULT_PRICE_SANITY, confirmTrades: 0 },
    onBreachDetected: () => void (at.detected = performance.now()),
  });
  const { guard } = service;
  const halts = await bus.subscribe(subjects.riskHalt(), () => void (at.halt = performance.now()));
  try {
    await bus.publish(subjects.accountState(), accountState('1000000'));
    await until(() => guard.state.lossLimit?.armed === true, 'arming');
    const holding = positionState('pos-bench', { volume: '0.01', unrealized: '0' });
    await bus.publish(subjects.positionState(holding.data.positionId), holding);
    await until(() => guard.portfolio.holdingPositions === 1, 'the position state');
    const out: BreachTiming[] = [];
    for (let i = 0; i < samples; i++) {
      at.detected = Number.NaN;
      at.halt = Number.NaN;
      const start = performance.now();
      await bus.publish(subjects.mdTick(MARKET), tick('80000000', 2 * i + 1));
      await until(() => !Number.isNaN(at.halt), 'the halt');
      out.push({ detectedMs: at.detected - start, haltDeliveredMs: at.halt - start });
      const resumed = await guard.resume({ ...STAMP, commandId: `bench-resume-${i}` });
      if (E.isLeft(resumed)) throw new Error(`resume refused: ${resumed.left.message}`);
      await bus.publish(subjects.mdTick(MARKET), tick('100000000', 2 * i + 2));
      await until(() => guard.portfolio.unrealizedPnl.isZero(), 'the recovery');
      const armed = await guard.arm(dec(10), { ...STAMP, commandId: `bench-arm-${i}` });
      if (E.isLeft(armed)) throw new Error(`arm refused: ${armed.left.message}`);
      // Let the resume's and the arm's own publications settle: a breach meets an idle guard.
      await new Promise((r) => setTimeout(r, SETTLE_MS));
    }
    return out;
  } finally {
    await halts.unsubscribe();
    await service.stop();
    await bus.close();
    await store.close();
  }
}
