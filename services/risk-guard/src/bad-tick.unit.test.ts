import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { createInProcessBus, type Bus } from '@hoga/bus';
import { subjects, type Tick } from '@hoga/contracts';
import { InMemoryEventStore } from '@hoga/event-store';
import { dec, type Market } from '@hoga/model';
import { createLogger } from '@hoga/telemetry';
import { eventually, turns } from '@hoga/testkit';
import { startService, type RiskGuardService } from './service.js';
import { accountState, positionState, tick } from './testing/samples.js';

/**
 * ADR 0024 at the loss limit: 0.01 BTC held at 100,000,000 against a 10 % limit on 1,000,000 KRW.
 * A tick at an absurd price, or naming another market than its subject, must not move a mark
 * (else one tick breaches the limit and liquidates the account); a genuine crash still does.
 */
describe('risk-guard: one bad tick never breaches the loss limit', () => {
  let bus: Bus;
  let service: RiskGuardService;
  let halts: number;
  const send = async (message: Tick, subjectMarket = message.data.market) => {
    await bus.publish(subjects.mdTick(subjectMarket), message);
    await turns(10);
  };
  const unrealized = () => service.guard.portfolio.unrealizedPnl.toString();

  beforeEach(async () => {
    bus = createInProcessBus({ logger: createLogger({ service: 'test', sinks: [] }) });
    service = await startService({
      bus,
      store: new InMemoryEventStore(),
      logger: createLogger({ service: 'risk-guard', sinks: [] }),
      lossLimitPct: dec(10),
      watchdogIntervalMs: 0,
    });
    halts = 0;
    await bus.subscribe(subjects.riskHalt(), () => void (halts += 1));
    await bus.publish(subjects.accountState(), accountState('1000000'));
    await eventually(() => strictEqual(service.guard.state.lossLimit?.armed, true));
    const holding = positionState('pos-1', { volume: '0.01', unrealized: '0' });
    await bus.publish(subjects.positionState(holding.data.positionId), holding);
    await eventually(() => strictEqual(service.guard.portfolio.holdingPositions, 1));
  });
  afterEach(async () => {
    await service.stop();
    await bus.close();
  });

  it('1e-30, 0.00000001 and 1e30 move no mark and breach nothing', async () => {
    for (const px of ['1e-30', '0.00000001', '1e30']) await send(tick(px));
    deepStrictEqual([unrealized(), halts, service.guard.state.tradingState], ['0', 0, 'ACTIVE']);
  });
  it('a crash price in the body of another market, or on another market’s subject, is refused', async () => {
    const eth = {
      ...tick('80000000'),
      data: { ...tick('80000000').data, market: 'KRW-ETH' as Market },
    };
    await send(eth, 'KRW-BTC' as Market);
    await send(tick('80000000'), 'KRW-ETH' as Market);
    deepStrictEqual([unrealized(), halts], ['0', 0]);
  });
  it('a genuine crash of three trades breaches the limit on its third trade', async () => {
    await send(tick('80000000'));
    await send(tick('79900000'));
    deepStrictEqual([unrealized(), halts], ['0', 0]);
    await send(tick('79800000'));
    await eventually(() => strictEqual(halts, 1));
    strictEqual(service.guard.state.tradingState, 'HALTED');
  });
});
