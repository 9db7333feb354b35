import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { createInProcessBus, type Bus } from '@hoga/bus';
import { RiskStatusReply, subjects } from '@hoga/contracts';
import { InMemoryEventStore } from '@hoga/event-store';
import { createLogger } from '@hoga/telemetry';
import { eventually } from '@hoga/testkit';
import { RISK_STREAM_ID } from '../adapters/risk-stream.js';
import { Harness, operator } from '../testing/harness.js';
import { accountState, positionState, publishPosition } from '../testing/samples.js';

describe('risk-guard: operator commands, restarts and the watchdog', () => {
  let bus: Bus;
  let store: InMemoryEventStore;
  let h: Harness;

  beforeEach(async () => {
    bus = createInProcessBus({ logger: createLogger({ service: 'test', sinks: [] }) });
    store = new InMemoryEventStore();
    h = await new Harness(bus, store).start({ watchdog: { silenceMs: 30_000, action: 'reduce' } });
    await bus.publish(subjects.accountState(), accountState('1000000'));
    await eventually(() => strictEqual(h.service.guard.state.lossLimit?.armed, true));
  });
  afterEach(async () => {
    await h.stop();
    await h.close();
    await bus.close();
  });

  it('halt, reduce and resume record who and why; HALTED -> REDUCING is refused', async () => {
    deepStrictEqual(await h.ops('reduce', operator('c1', 'thin market')), {
      ok: true,
      state: 'REDUCING',
    });
    deepStrictEqual(await h.ops('halt', operator('c2', 'exchange incident')), {
      ok: true,
      state: 'HALTED',
    });
    const refused = await h.ops('reduce', operator('c3'));
    deepStrictEqual((refused['error'] as { code: string }).code, 'conflict');
    deepStrictEqual(await h.ops('resume', operator('c4', 'incident over')), {
      ok: true,
      state: 'ACTIVE',
    });
    const changes = (await store.readStream(RISK_STREAM_ID)).filter(
      (e) => e.type === 'TradingStateChanged',
    );
    deepStrictEqual(
      changes.map((e) => e.data),
      [
        {
          from: 'ACTIVE',
          to: 'REDUCING',
          by: 'cli:alice@desk',
          reason: 'thin market',
          at: '2026-11-23T10:00:00.000Z',
          commandId: 'c1',
        },
        {
          from: 'REDUCING',
          to: 'HALTED',
          by: 'cli:alice@desk',
          reason: 'exchange incident',
          at: '2026-11-23T10:00:00.000Z',
          commandId: 'c2',
        },
        {
          from: 'HALTED',
          to: 'ACTIVE',
          by: 'cli:alice@desk',
          reason: 'incident over',
          at: '2026-11-23T10:00:00.000Z',
          commandId: 'c4',
        },
      ],
    );
    strictEqual(h.halts.length, 1);
    strictEqual(h.halts[0]?.data.cause, 'operator');
  });

  it('an operator halt carries the liquidation order at the configured rate, dust left out', async () => {
    await h.stop();
    await h.close();
    h = await new Harness(bus, store).start({ ordersPerSecond: 5 });
    await bus.publish(subjects.accountState(), accountState('1000000'));
    await eventually(() => ok(h.service.guard.equity !== undefined));
    await publishPosition(bus, positionState('pos-a', { volume: '0.001', unrealized: '0' }));
    await publishPosition(bus, positionState('pos-b', { volume: '0.003', unrealized: '0' }));
    await publishPosition(bus, positionState('pos-dust', { volume: '0.00001', unrealized: '0' }));
    await publishPosition(bus, positionState('pos-c', { volume: '0.003', unrealized: '0' }));
    await eventually(() => strictEqual(h.service.guard.view().holdingPositions, 4));
    await h.ops('halt', operator('c-plan', 'drill'));
    await eventually(() => strictEqual(h.halts.length, 1));
    deepStrictEqual(h.halts[0]?.data.liquidation, [
      { positionId: 'pos-b', notBeforeMs: 0 },
      { positionId: 'pos-c', notBeforeMs: 201 },
      { positionId: 'pos-a', notBeforeMs: 402 },
    ]);
  });

  it('a repeated commandId changes nothing; a command without a reason is a bad request', async () => {
    await h.ops('halt', operator('c1'));
    const version = await store.streamVersion(RISK_STREAM_ID);
    await h.ops('resume', operator('c2'));
    deepStrictEqual(await h.ops('halt', operator('c1')), { ok: true, state: 'ACTIVE' });
    strictEqual(await store.streamVersion(RISK_STREAM_ID), version + 2);
    const noReason = await h.ops('halt', operator('c9', null));
    strictEqual((noReason['error'] as { code: string }).code, 'bad-request');
    strictEqual(h.service.guard.state.tradingState, 'ACTIVE');
  });

  it('only a resume leaves HALTED: a restart keeps it, from the stream, and rewrites the KV', async () => {
    await publishPosition(bus, positionState('pos-a', { volume: '0.01', unrealized: '-100000' }));
    await eventually(() => strictEqual(h.service.guard.state.tradingState, 'HALTED'));
    await h.stop();
    const freshBus = createInProcessBus({ logger: createLogger({ service: 'test', sinks: [] }) });
    const again = await new Harness(freshBus, store).start();
    try {
      strictEqual(again.service.guard.state.tradingState, 'HALTED');
      strictEqual(await again.kvState(), 'HALTED');
      await freshBus.publish(subjects.accountState(), accountState('900000'));
      await publishPosition(
        freshBus,
        positionState('pos-a', {
          volume: '0',
          unrealized: '0',
          realized: '-100000',
          status: 'closed',
          version: 2,
        }),
      );
      await eventually(() => strictEqual(again.service.guard.view().holdingPositions, 0));
      strictEqual(again.service.guard.state.tradingState, 'HALTED');
      deepStrictEqual(await again.ops('resume', operator('r1', 'reviewed')), {
        ok: true,
        state: 'ACTIVE',
      });
      strictEqual(again.service.guard.state.lossLimit?.equityAtArming.toString(), '900000');
    } finally {
      await again.stop();
      await again.close();
      await freshBus.close();
    }
  });

  it('status answers the RiskState view, decodable by the contract', async () => {
    await publishPosition(bus, positionState('pos-a', { volume: '0.01', unrealized: '-25000' }));
    await eventually(() => strictEqual(h.service.guard.view().holdingPositions, 1));
    const reply = await h.ops('status', {});
    strictEqual(RiskStatusReply.is(reply), true);
    const risk = reply['risk'] as {
      state: string;
      evaluation: { lossKrw: { toString(): string }; limitKrw: { toString(): string } };
      exposureKrw: { toString(): string };
    };
    strictEqual(risk.state, 'ACTIVE');
    strictEqual(risk.evaluation.lossKrw.toString(), '25000');
    strictEqual(risk.evaluation.limitKrw.toString(), '100000');
    strictEqual(risk.exposureKrw.toString(), '1000000');
    strictEqual(String(reply['equityKrw']), '1000000');
    deepStrictEqual(reply['lastTransitions'], []);
    deepStrictEqual(reply['leader'], {
      instanceId: h.service.instanceId,
      since: '2026-11-23T10:00:00.000Z',
    });
  });

  it('status names the instance that answered and when it took over, not when it was asked', async () => {
    await h.stop();
    await h.close();
    h = new Harness(bus, store);
    h.clock.advance(90_000);
    await h.start({ instanceId: 'rg-b:4242' });
    h.clock.advance(60_000);
    const reply = await h.ops('status', {});
    strictEqual(RiskStatusReply.is(reply), true);
    const leader = { instanceId: 'rg-b:4242', since: '2026-11-23T10:01:30.000Z' };
    deepStrictEqual(reply['leader'], leader);
    deepStrictEqual(h.service.leader(), leader);
  });

  it('status carries the last transitions, oldest first, with who and why', async () => {
    await h.ops('reduce', operator('c1', 'thin market'));
    await h.ops('halt', operator('c2', 'exchange incident'));
    const reply = await h.ops('status', {});
    strictEqual(RiskStatusReply.is(reply), true);
    deepStrictEqual(reply['lastTransitions'], [
      {
        from: 'ACTIVE',
        to: 'REDUCING',
        by: 'cli:alice@desk',
        reason: 'thin market',
        at: '2026-11-23T10:00:00.000Z',
      },
      {
        from: 'REDUCING',
        to: 'HALTED',
        by: 'cli:alice@desk',
        reason: 'exchange incident',
        at: '2026-11-23T10:00:00.000Z',
      },
    ]);
  });

  it('the watchdog alerts once after the configured silence while coins are held, and reduces', async () => {
    await publishPosition(bus, positionState('pos-a', { volume: '0.01', unrealized: '0' }));
    await eventually(() => strictEqual(h.service.guard.view().holdingPositions, 1));
    h.clock.advance(29_999);
    deepStrictEqual(await h.service.checkWatchdog(), []);
    h.clock.advance(1);
    const silent = (await h.service.checkWatchdog()) as { source: string }[];
    deepStrictEqual(silent.map((s) => s.source).sort(), ['market-feed', 'position-actor']);
    deepStrictEqual(await h.service.checkWatchdog(), []);
    strictEqual(h.service.guard.state.tradingState, 'REDUCING');
    strictEqual(h.service.guard.state.lastTransitions.at(-1)?.by, 'risk-guard:watchdog');
    await eventually(() =>
      strictEqual(h.alerts.filter((a) => a.data.dedupKey.startsWith('watchdog:')).length, 2),
    );
  });

  it('the watchdog stays quiet while no position holds coins', async () => {
    h.clock.advance(120_000);
    deepStrictEqual(await h.service.checkWatchdog(), []);
    strictEqual(h.service.guard.state.tradingState, 'ACTIVE');
  });
});
