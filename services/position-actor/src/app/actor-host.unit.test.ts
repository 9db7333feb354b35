import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { createInProcessBus } from '@hoga/bus';
import type { Tick } from '@hoga/contracts';
import { price, volume, type Market, type PositionId } from '@hoga/model';
import { createLogger } from '@hoga/telemetry';
import { ActorHost, FAN_OUT_AT_ONCE, FAN_OUT_SLICE } from './actor-host.js';
import type { ActorInput, PositionActor } from './position-actor.js';
import type { StatePublisher } from '../adapters/state-publisher.js';

const MARKET = 'KRW-BTC' as Market;

/** An actor that only records the inputs it is given. */
function recordingActor(i: number, log: string[]) {
  const positionId = `pos-${i}` as PositionId;
  return {
    positionId,
    live: {
      snapshot: {
        status: 'active',
        context: { info: { market: MARKET }, lastTradePrice: price('100000000') },
      },
    },
    intervals: () => [],
    submit: (input: ActorInput) => {
      log.push(`${positionId}:${input.kind}`);
      return Promise.resolve([]);
    },
    // An idle actor decides an untraced tick at once (nothing to store here).
    tickNow: (input: ActorInput) => {
      log.push(`${positionId}:${input.kind}`);
      return null;
    },
    idle: () => Promise.resolve(),
  } as unknown as PositionActor;
}

const tick: Tick = {
  id: 'tick-1',
  type: 'Tick',
  occurredAt: '2026-11-24T00:00:00.000Z',
  causationId: null,
  correlationId: 'tick-1',
  data: {
    market: MARKET,
    price: price('100000000'),
    volume: volume('0.01'),
    side: 'bid',
    tradeTimestamp: 1,
    sequentialId: 1,
    bestBid: null,
    bestAsk: null,
  },
};

/** A host on a bus of its own, with a publisher that publishes nothing. */
function newHost() {
  const bus = createInProcessBus();
  const publisher = { ticked: () => undefined, changed: () => Promise.resolve() };
  const host = new ActorHost({
    bus,
    publisher: publisher as unknown as StatePublisher,
    logger: createLogger({ service: 'test', sinks: [] }),
  });
  return { bus, host };
}

describe('ActorHost: market input fan-out', () => {
  it('hands a tick to a big market in slices, letting the event loop in between; each actor gets it once', async () => {
    const { bus, host } = newHost();
    const log: string[] = [];
    const count = FAN_OUT_AT_ONCE + FAN_OUT_SLICE * 2 + 1;
    for (let i = 0; i < count; i++) await host.adopt(recordingActor(i, log));
    let handedWhenOtherWorkRan = -1;
    host.onTick(tick, MARKET);
    const handedAtOnce = log.length;
    setImmediate(() => (handedWhenOtherWorkRan = log.length));
    await host.idle();
    strictEqual(handedAtOnce, FAN_OUT_SLICE, 'the first slice at once');
    strictEqual(
      handedWhenOtherWorkRan < count,
      true,
      `other work ran before the fan-out ended (${handedWhenOtherWorkRan} of ${count} handed)`,
    );
    deepStrictEqual(
      [...log].sort(),
      Array.from({ length: count }, (_, i) => `pos-${i}:tick`).sort(),
    );
    await host.close();
    await bus.close();
  });

  it('hands a tick to a market of up to FAN_OUT_AT_ONCE actors in one turn', async () => {
    const { bus, host } = newHost();
    const log: string[] = [];
    for (let i = 0; i < FAN_OUT_AT_ONCE; i++) await host.adopt(recordingActor(i, log));
    host.onTick(tick, MARKET);
    strictEqual(log.length, FAN_OUT_AT_ONCE, 'every actor at once');
    await host.idle();
    await host.close();
    await bus.close();
  });

  it('publishes the state at once after a stored change, with the marks after a raised peak alone', async () => {
    const bus = createInProcessBus();
    const calls: string[] = [];
    const publisher = {
      ticked: (id: PositionId) => void calls.push(`${id}:ticked`),
      changed: (id: PositionId) => (calls.push(`${id}:changed`), Promise.resolve()),
    };
    const host = new ActorHost({
      bus,
      publisher: publisher as unknown as StatePublisher,
      logger: createLogger({ service: 'test', sinks: [] }),
    });
    const storing = (i: number, types: string[]) => {
      const actor = recordingActor(i, []);
      return Object.assign(actor, {
        tickNow: () => Promise.resolve(types.map((type) => ({ type }))),
      }) as unknown as PositionActor;
    };
    await host.adopt(storing(0, ['PeakPriceRaised']));
    await host.adopt(storing(1, ['ExitTriggered', 'ExitOrderRequested']));
    await host.adopt(storing(2, ['PeakPriceRaised', 'ExitTriggered']));
    host.onTick(tick, MARKET);
    await host.idle();
    await new Promise((r) => setImmediate(r));
    deepStrictEqual([...calls].sort(), ['pos-0:ticked', 'pos-1:changed', 'pos-2:changed']);
    await host.close();
    await bus.close();
  });

  describe('the tick gate (ADR 0024)', () => {
    const at = (id: number, data: Partial<Tick['data']>): Tick => ({
      ...tick,
      id: `tick-${id}`,
      data: { ...tick.data, sequentialId: id, ...data },
    });
    async function hostWithOneActor() {
      const { bus, host } = newHost();
      const log: string[] = [];
      await host.adopt(recordingActor(0, log));
      return { host, log, bus };
    }
    it('a tick whose body names another market than its subject reaches no actor and is counted', async () => {
      const { host, log, bus } = await hostWithOneActor();
      host.onTick(at(2, { market: 'KRW-ETH' as Market }), MARKET);
      host.onTick(at(3, { price: price('1e-30') }), MARKET);
      await host.idle();
      deepStrictEqual(log, []);
      deepStrictEqual(host.ticks.counts.rejected, { 'market-mismatch': 1, 'off-tick-grid': 1 });
      strictEqual(host.lastPrice(MARKET), null);
      await host.close();
      await bus.close();
    });
    it('an absurd price is held; the positions see the market again with the next normal trade', async () => {
      const { host, log, bus } = await hostWithOneActor();
      host.onTick(at(2, { price: price('1e30') }), MARKET);
      await host.idle();
      deepStrictEqual(log, []);
      deepStrictEqual(
        host.ticks.heldLevels().map((l) => [l.market, l.trades, l.firstPrice.toString()]),
        [[MARKET, 1, '1000000000000000000000000000000']],
      );
      host.onTick(at(3, { price: price('100010000') }), MARKET);
      await host.idle();
      deepStrictEqual(log, ['pos-0:tick']);
      deepStrictEqual(
        [host.ticks.counts.held.outlier, host.ticks.counts.dropped, host.ticks.counts.delivered],
        [1, 1, 1],
      );
      strictEqual(host.lastPrice(MARKET)?.toString(), '100010000');
      await host.close();
      await bus.close();
    });
  });
});
