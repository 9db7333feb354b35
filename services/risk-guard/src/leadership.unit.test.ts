import { deepStrictEqual, ok, rejects, strictEqual } from 'node:assert/strict';
import {
  createInProcessBroker,
  createInProcessBus,
  isBusNoRespondersError,
  type Bus,
  type InProcessBroker,
} from '@hoga/bus';
import { subjects } from '@hoga/contracts';
import { InMemoryEventStore, type EventStore } from '@hoga/event-store';
import { SoloLeaseBackend } from '@hoga/leases';
import { createLogger } from '@hoga/telemetry';
import { deferred, eventually } from '@hoga/testkit';
import * as E from 'fp-ts/lib/Either.js';
import { LEADER_LOCK } from './app/leadership.js';
import { Harness, operator } from './testing/harness.js';
import { MemoryLeases, type MemoryLeaseSession } from './testing/memory-leases.js';
import { recordingAppends } from './testing/recording-store.js';
import { accountState, positionState, publishPosition } from './testing/samples.js';

const silent = createLogger({ service: 'test', sinks: [] });

/** The same store, whose reads of the `risk` stream wait at a gate while one is set. */
function gatedStore(store: EventStore) {
  const state = { gate: undefined as Promise<void> | undefined, waiting: false };
  const gated = new Proxy(store, {
    get(target, key) {
      if (key === 'readStream')
        return async (...args: Parameters<EventStore['readStream']>) => {
          if (state.gate !== undefined && args[0] === 'risk') {
            state.waiting = true;
            await state.gate;
          }
          return target.readStream(...args);
        };
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
  return { store: gated, state };
}

describe('risk-guard leadership (in memory: instances on one bus and one store)', () => {
  let broker: InProcessBroker;
  let store: InMemoryEventStore;
  let leases: MemoryLeases;
  let outsider: MemoryLeaseSession;
  const harnesses: Harness[] = [];
  const buses: Bus[] = [];

  beforeEach(async () => {
    broker = createInProcessBroker();
    store = new InMemoryEventStore();
    leases = new MemoryLeases();
    // Another process holds the leader lease: whoever starts now stands by.
    outsider = leases.session();
    await outsider.connect(() => undefined);
    ok(await outsider.tryLock(LEADER_LOCK));
  });
  afterEach(async () => {
    for (const h of harnesses.splice(0)) {
      await h.stop();
      await h.close();
    }
    for (const b of buses.splice(0)) await b.close();
  });

  async function standby(on: EventStore, session = leases.session(), instanceId = 'standby') {
    const bus = createInProcessBus({ broker, logger: silent });
    buses.push(bus);
    const breaches = { count: 0 };
    const h = await new Harness(bus, on).start({
      instanceId,
      leadership: { leases: session, retryMs: 10 },
      onBreachDetected: () => void (breaches.count += 1),
    });
    harnesses.push(h);
    return { h, bus, session, breaches };
  }

  it('a standby keeps its portfolio warm but decides, appends, writes and answers nothing', async () => {
    const recorded = recordingAppends(store);
    const { h, bus, breaches } = await standby(recorded.store);
    strictEqual(h.service.isLeader(), false);
    strictEqual(h.service.guard.active, false);

    await bus.publish(subjects.accountState(), accountState('1000000'));
    await publishPosition(bus, positionState('pos-s', { volume: '0.01', unrealized: '-150000' }));
    await eventually(() => strictEqual(h.service.guard.portfolio.holdingPositions, 1));
    strictEqual(h.service.guard.portfolio.unrealizedPnl.toString(), '-150000');
    ok(h.service.guard.equity !== undefined, 'the account is known');
    h.clock.advance(120_000);
    deepStrictEqual(await h.service.checkWatchdog(), [], 'no watchdog on a standby');
    const halt = await h.service.guard.halt({ ...operator('standby-halt'), reason: 'test' });
    strictEqual(E.isLeft(halt) && halt.left.code, 'not-leader');
    await rejects(h.ops('status', {}), isBusNoRespondersError, 'no ops served');
    strictEqual(h.service.leader(), undefined);

    deepStrictEqual(recorded.appends, []);
    strictEqual(breaches.count, 0);
    strictEqual(await h.kvState(), undefined, 'the KV is not written');
    deepStrictEqual(h.halts, []);
    deepStrictEqual(h.alerts, []);
    strictEqual(h.service.guard.state.lossLimit, null, 'nothing armed');
  });

  it('once the lease is free the standby takes over warm: arms from the account it saw, serves, writes the KV', async () => {
    const { h, bus } = await standby(store);
    await bus.publish(subjects.accountState(), accountState('1000000'));
    await publishPosition(bus, positionState('pos-w', { volume: '0.01', unrealized: '-30000' }));
    await eventually(() => strictEqual(h.service.guard.portfolio.holdingPositions, 1));

    h.clock.advance(45_000);
    outsider.kill();
    await eventually(() => strictEqual(h.service.isLeader(), true));
    await eventually(() => strictEqual(h.service.guard.state.lossLimit?.armed, true));
    const limit = h.service.guard.state.lossLimit;
    strictEqual(limit?.equityAtArming.toString(), '1000000');
    strictEqual(limit.unrealizedPnlAtArming.toString(), '-30000', 'armed on the warm portfolio');
    const status = await h.ops('status', {});
    strictEqual(status['ok'], true);
    deepStrictEqual(
      status['leader'],
      { instanceId: 'standby', since: '2026-11-23T10:00:45.000Z' },
      'since the take-over, not since the start',
    );
    strictEqual(await h.kvState(), 'ACTIVE');

    await publishPosition(
      bus,
      positionState('pos-w', { volume: '0.01', unrealized: '-130000', version: 2 }),
    );
    await eventually(() => strictEqual(h.halts.length, 1));
    strictEqual(await h.kvState(), 'HALTED');
  });

  it('after a hand-over, status names the new leader and when it took over', async () => {
    const a = await standby(store, leases.session(), 'rg-a');
    outsider.kill();
    await eventually(() => strictEqual(a.h.service.isLeader(), true));
    const b = await standby(store, leases.session(), 'rg-b');
    deepStrictEqual((await b.h.ops('status', {}))['leader'], {
      instanceId: 'rg-a',
      since: '2026-11-23T10:00:00.000Z',
    });

    b.h.clock.advance(5 * 60_000);
    a.session.refuseConnect = true; // a stays down: b is the only one that can take over
    a.session.kill();
    strictEqual(a.h.service.leader(), undefined, 'a stopped leading at once');
    await eventually(() => strictEqual(b.h.service.isLeader(), true));
    // Asked on a's bus: a answers `unavailable` until its ops server has stopped, then b answers.
    const reply = await eventually(async () => {
      const r = await a.h.ops('status', {});
      strictEqual(r['ok'], true, JSON.stringify(r));
      return r;
    });
    const leader = { instanceId: 'rg-b', since: '2026-11-23T10:05:00.000Z' };
    deepStrictEqual(reply['leader'], leader);
    deepStrictEqual(b.h.service.leader(), leader);
  });

  it('a lease lost during the take-over leaves nothing acting', async () => {
    const gated = gatedStore(store);
    const { h, session } = await standby(gated.store);
    const gate = deferred();
    gated.state.gate = gate.promise;

    outsider.kill();
    await eventually(() => ok(gated.state.waiting, 'the take-over reads the risk stream'));
    session.refuseConnect = true;
    session.kill();
    gate.resolve();
    await eventually(() => ok(h.log.records.some((r) => r.msg.startsWith('take-over abandoned'))));

    strictEqual(h.service.isLeader(), false);
    strictEqual(h.service.guard.active, false);
    await rejects(h.ops('status', {}), isBusNoRespondersError);
    strictEqual(await h.kvState(), undefined, 'the stale take-over wrote no KV');
  });

  it('two writers at once (a hand-over under way): the stale one conflicts, adopts the stream and heals the KV', async () => {
    const both = async (name: string) => {
      const bus = createInProcessBus({ broker, logger: silent });
      buses.push(bus);
      const h = await new Harness(bus, store).start({
        instanceId: name,
        lossLimitPct: null,
        stateThrottleMs: 1,
        // Each believes it leads: the moment before the old leader notices its lost session.
        leadership: { leases: new SoloLeaseBackend() },
      });
      harnesses.push(h);
      return h;
    };
    const a = await both('a');
    const b = await both('b');
    ok(a.service.isLeader() && b.service.isLeader());
    const halted = await a.service.guard.halt({ ...operator('a-halt'), reason: 'incident' });
    strictEqual(E.isRight(halted) && halted.right.tradingState, 'HALTED');
    // b, still on the old version, writes its stale view to the KV.
    await b.service.guard.onAccountState(accountState('1000000'));
    await eventually(async () => strictEqual(await b.kvState(), 'ACTIVE'));

    const reduced = await b.service.guard.reduce({ ...operator('b-reduce'), reason: 'late' });
    strictEqual(E.isLeft(reduced) && reduced.left.code, 'illegal-transition');
    strictEqual(b.service.guard.state.tradingState, 'HALTED', 'b adopted the stream');
    strictEqual(await b.kvState(), 'HALTED', 'and rewrote the KV from it');
    deepStrictEqual(
      (await b.streamTypes()).filter((t) => t === 'TradingStateChanged').length,
      1,
      'only a appended',
    );
  });
});
