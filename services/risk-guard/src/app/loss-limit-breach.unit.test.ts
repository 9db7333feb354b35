import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { createInProcessBus, type Bus } from '@hoga/bus';
import { subjects } from '@hoga/contracts';
import { InMemoryEventStore } from '@hoga/event-store';
import { price, volume, type Market } from '@hoga/model';
import { createLogger } from '@hoga/telemetry';
import { eventually, turns } from '@hoga/testkit';
import { Harness } from '../testing/harness.js';
import { accountState, positionState } from '../testing/samples.js';

const market = 'KRW-BTC' as Market;

describe('risk-guard: the global loss limit (10% of 1,000,000 KRW = 100,000 KRW)', () => {
  let bus: Bus;
  let h: Harness;

  beforeEach(async () => {
    bus = createInProcessBus({ logger: createLogger({ service: 'test', sinks: [] }) });
    h = await new Harness(bus, new InMemoryEventStore()).start();
    await bus.publish(subjects.accountState(), accountState('1000000'));
    await eventually(() => strictEqual(h.service.guard.state.lossLimit?.armed, true));
  });
  afterEach(async () => {
    await h.stop();
    await h.close();
    await bus.close();
  });

  const publish = (state: ReturnType<typeof positionState>) =>
    bus.publish(subjects.positionState(state.data.positionId), state);
  /** Waits until the guard has applied every published state (the view counts them). */
  const applied = (holding: number) =>
    eventually(() => strictEqual(h.service.guard.view().holdingPositions, holding));

  it('arms the configured limit on the first account state, with the equity then', async () => {
    deepStrictEqual(await h.streamTypes(), ['LossLimitArmed']);
    strictEqual(h.service.guard.state.lossLimit?.equityAtArming.toString(), '1000000');
  });

  it('a loss of exactly the limit halts: HALTED in KV and stream, one RiskHalt, one urgent alert', async () => {
    await publish(positionState('pos-a', { volume: '0.01', unrealized: '-60000' }));
    await publish(positionState('pos-b', { volume: '0.02', unrealized: '-40000' }));
    await eventually(() => strictEqual(h.halts.length, 1));
    strictEqual(await h.kvState(), 'HALTED');
    deepStrictEqual(await h.streamTypes(), [
      'LossLimitArmed',
      'LossLimitBreached',
      'TradingStateChanged',
    ]);
    strictEqual(h.halts[0]?.data.cause, 'loss-limit-breached');
    // largest exposure first (0.02 BTC before 0.01 BTC at 100,000,000), 84 ms apart at 12/s
    deepStrictEqual(h.halts[0]?.data.liquidation, [
      { positionId: 'pos-b', notBeforeMs: 0 },
      { positionId: 'pos-a', notBeforeMs: 84 },
    ]);
    await eventually(() =>
      strictEqual(h.alerts.filter((a) => a.data.severity === 'urgent').length, 1),
    );
    const urgent = h.alerts.find((a) => a.data.severity === 'urgent');
    strictEqual(urgent?.data.body.includes('loss 100,000 KRW (10%)'), true);
    strictEqual(urgent?.data.body.includes('2 sells'), true);
  });

  it('a loss one won short of the limit does not halt', async () => {
    await publish(positionState('pos-a', { volume: '0.01', unrealized: '-99999' }));
    await applied(1);
    await turns(20);
    strictEqual(h.service.guard.state.tradingState, 'ACTIVE');
    strictEqual(h.halts.length, 0);
    strictEqual(h.service.guard.view().evaluation?.lossKrw.toString(), '99999');
  });

  it('positions holding no coins do not count, however red their marks', async () => {
    await publish(
      positionState('pos-flat', { volume: '0', unrealized: '-500000', status: 'pending' }),
    );
    await publish(positionState('pos-a', { volume: '0.01', unrealized: '-1000' }));
    await applied(1);
    strictEqual(h.service.guard.view().unrealizedPnlKrw.toString(), '-1000');
    strictEqual(h.service.guard.state.tradingState, 'ACTIVE');
  });

  it('a position in error that still holds coins counts', async () => {
    await publish(
      positionState('pos-err', { volume: '0.01', unrealized: '-100000', status: 'error' }),
    );
    await eventually(() => strictEqual(h.halts.length, 1));
    strictEqual(h.service.guard.state.tradingState, 'HALTED');
  });

  it('keeps running sums: a newer snapshot replaces the old one, an older one is ignored', async () => {
    await publish(positionState('pos-a', { volume: '0.01', unrealized: '-90000', version: 3 }));
    await publish(positionState('pos-a', { volume: '0.01', unrealized: '-150000', version: 2 }));
    await publish(positionState('pos-a', { volume: '0.01', unrealized: '-20000', version: 4 }));
    await eventually(() =>
      strictEqual(h.service.guard.view().unrealizedPnlKrw.toString(), '-20000'),
    );
    strictEqual(h.halts.length, 0);
  });

  it('realized losses since arming count: closing a losing position does not reset the loss', async () => {
    await publish(positionState('pos-a', { volume: '0.01', unrealized: '-50000', version: 1 }));
    await publish(
      positionState('pos-a', {
        volume: '0',
        unrealized: '0',
        realized: '-70000',
        status: 'closed',
        version: 2,
      }),
    );
    await publish(positionState('pos-b', { volume: '0.01', unrealized: '-30000' }));
    await eventually(() => strictEqual(h.halts.length, 1));
    const evaluation = h.service.guard.view().evaluation;
    strictEqual(evaluation?.realizedPnlSinceArming.toString(), '-70000');
  });

  it('a tick alone halts: the holdings are marked to it before any position state moves', async () => {
    await publish(positionState('pos-a', { volume: '0.02', unrealized: '-1000' }));
    await applied(1);
    const tick = (px: string, n: number) =>
      bus.publish(subjects.mdTick(market), {
        id: `tick-${n}`,
        type: 'Tick' as const,
        occurredAt: '2026-11-23T10:00:01.000Z',
        causationId: null,
        correlationId: `tick-${n}`,
        data: {
          market,
          price: price(px),
          volume: volume('0.01'),
          side: 'ask' as const,
          tradeTimestamp: 1,
          sequentialId: n,
          bestBid: null,
          bestAsk: null,
        },
      });
    // 0.02 BTC from 100,000,000 to 95,100,000: -98,000 x 0.9995 = -97,951 (with -1,000: -98,951)
    await tick('95100000', 1);
    await eventually(() =>
      strictEqual(h.service.guard.view().unrealizedPnlKrw.toString(), '-98951'),
    );
    strictEqual(h.halts.length, 0);
    // 95,000,000: -100,000 x 0.9995 - 1,000 = -100,950: the limit
    await tick('95000000', 2);
    await eventually(() => strictEqual(h.halts.length, 1));
    const breached = (await h.store.readStream('risk')).find((e) => e.type === 'LossLimitBreached');
    strictEqual(
      breached?.metadata.causationId,
      'tick-2',
      'the breach names the tick that caused it',
    );
    deepStrictEqual(h.halts[0]?.data.liquidation, [{ positionId: 'pos-a', notBeforeMs: 0 }]);
    const evaluation = h.service.guard.view().evaluation;
    strictEqual(evaluation?.lossKrw.toString(), '100950');
  });
});
