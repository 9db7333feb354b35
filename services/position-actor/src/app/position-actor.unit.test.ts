import { deepStrictEqual, equal, ok, strictEqual } from 'node:assert/strict';
import { createInProcessBus, type Bus } from '@hoga/bus';
import { InMemoryEventStore, type AppendOptions, type NewEvent } from '@hoga/event-store';
import { DEFAULT_FEE_RATE, price, type PositionId } from '@hoga/model';
import { restore } from '@hoga/position';
import { streamIdOf } from '../adapters/stored-position-event.js';
import { fillEntry, runImmediate } from '../testing/happy-path.js';
import { Harness } from '../testing/harness.js';
import { PositionActor, type TickArrival } from './position-actor.js';
import { PositionStream } from './position-stream.js';

/**
 * An in-memory store whose appends — of every stream, or of one — can be held until released
 * (an actor busy storing).
 */
class GatedStore extends InMemoryEventStore {
  appends = 0;
  #gate: Promise<void> | undefined;
  #open: (() => void) | undefined;
  #only: string | undefined;
  hold(onlyStream?: string): void {
    this.#only = onlyStream;
    this.#gate = new Promise((resolve) => (this.#open = resolve));
  }
  release(): void {
    this.#open?.();
    this.#gate = undefined;
  }
  override async append(streamId: string, events: readonly NewEvent[], options: AppendOptions) {
    this.appends += 1;
    if (this.#only === undefined || this.#only === streamId) await this.#gate;
    return super.append(streamId, events, options);
  }
}

const tick = (n: number, at: string): TickArrival => ({
  kind: 'tick',
  id: `tick-${n}`,
  price: price(at),
  atMs: 1_800_000_000_000 + n,
  priceConfirmed: true,
});

/**
 * An idle actor decides an untraced tick in the caller's turn (`tickNow`): a quiet tick costs
 * no queue entry; one that decides events stores them through the queue, in order.
 */
describe('PositionActor.tickNow: ticks decided at once when the actor is idle', () => {
  let bus: Bus;
  let store: GatedStore;
  let id: PositionId;
  let actor: PositionActor;

  beforeEach(async () => {
    bus = createInProcessBus();
    store = new GatedStore();
    const h = await new Harness(bus, store).start();
    id = await runImmediate(h);
    await fillEntry(h, id); // active: entry 100,000,000, take-profit +3 %, stop-loss −5 %
    await h.dispose();
    const stream = new PositionStream(store, 1000);
    actor = new PositionActor(id, restore(await stream.load(id)), stream, () => ({
      now: '2026-12-07T00:00:00.000Z',
      feeRate: DEFAULT_FEE_RATE,
    }));
    store.appends = 0;
  });
  afterEach(() => bus.close());

  it('a tick that changes nothing returns null at once: nothing queued, nothing stored, the price kept', async () => {
    strictEqual(actor.tickNow(tick(1, '99000000')), null);
    strictEqual(actor.live.watch.last?.toString(), '99000000');
    await actor.idle();
    strictEqual(store.appends, 0);
  });

  it('a tick that crosses the take-profit stores its exit once and resolves with the events', async () => {
    const pending = actor.tickNow(tick(1, '103500000'));
    ok(pending !== null);
    const events = await pending;
    deepStrictEqual(
      events.map((e) => e.type),
      ['ExitTriggered', 'ExitOrderRequested'],
    );
    strictEqual(store.appends, 1);
    strictEqual(actor.live.snapshot.status, 'closing');
    const stored = await store.readStream(streamIdOf(id));
    deepStrictEqual(
      stored.slice(-2).map((e) => e.type),
      ['ExitTriggered', 'ExitOrderRequested'],
    );
  });

  it('a busy actor takes ticks through its queue (coalesced behind the store in flight), never deciding twice', async () => {
    store.hold();
    const exit = actor.tickNow(tick(1, '94000000')); // stop-loss, held in the store
    ok(exit !== null);
    const later = [actor.tickNow(tick(2, '93000000')), actor.tickNow(tick(3, '92000000'))];
    ok(
      later.every((p) => p !== null),
      'queued, not decided at once',
    );
    store.release();
    deepStrictEqual(
      (await exit).map((e) => e.type),
      ['ExitTriggered', 'ExitOrderRequested'],
    );
    deepStrictEqual(await Promise.all(later), [[], []], 'closing: the later ticks decide nothing');
    strictEqual(store.appends, 1);
    equal(actor.live.watch.last?.toString(), '92000000', 'the latest tick was processed');
  });

  it('another writer moved the stream between a decision and its store: reloaded, decided again, stored once', async () => {
    store.hold();
    const exit = actor.tickNow(tick(1, '103500000'));
    ok(exit !== null);
    // A second actor of the same position (a partition moved) decided the same exit on the same
    // version; its store comes second and conflicts.
    const stream = new PositionStream(store, 1000);
    const other = new PositionActor(id, restore(await stream.load(id)), stream, () => ({
      now: '2026-12-07T00:00:00.000Z',
      feeRate: DEFAULT_FEE_RATE,
    }));
    const second = other.tickNow(tick(1, '103500000'));
    ok(second !== null);
    store.release();
    deepStrictEqual(
      (await exit).map((e) => e.type),
      ['ExitTriggered', 'ExitOrderRequested'],
    );
    deepStrictEqual(await second, [], 'after its reload the exit is already there: nothing more');
    const types = (await store.readStream(streamIdOf(id))).map((e) => e.type);
    strictEqual(types.filter((t) => t === 'ExitOrderRequested').length, 1);
    strictEqual(other.live.snapshot.status, 'closing', 'the reloaded state');
  });
});

/** Price memory gives way to appends that move a position, but never to its own position's next input. */
describe('PositionActor: a raised peak stored after the exits of the same moment (ADR 0067)', () => {
  it('a peak waits while another position’s exit is in flight, and goes at once when its own position has a tick waiting', async () => {
    const bus = createInProcessBus();
    const store = new GatedStore();
    const h = await new Harness(bus, store).start();
    const [a, b] = [await runImmediate(h), await runImmediate(h, 'cmd-run-2')];
    await fillEntry(h, a);
    await fillEntry(h, b, 't-entry-b');
    await h.dispose();
    // A peak would wait a minute for A: only the hurry lets B's stop through.
    const stream = new PositionStream(store, 1000, undefined, 60_000);
    const context = () => ({ now: '2026-12-07T00:00:00.000Z', feeRate: DEFAULT_FEE_RATE });
    const actorA = new PositionActor(a, restore(await stream.load(a)), stream, context);
    const actorB = new PositionActor(b, restore(await stream.load(b)), stream, context);

    store.hold(streamIdOf(a));
    const exitA = actorA.tickNow(tick(1, '103500000')); // take-profit: its store is held
    const peakB = actorB.tickNow(tick(1, '101500000')); // +1.5 %: a raised peak to store
    ok(exitA !== null && peakB !== null);
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    const typesOf = async (id: PositionId) =>
      (await store.readStream(streamIdOf(id))).map((e) => e.type);
    strictEqual((await typesOf(b)).includes('PeakPriceRaised'), false, 'the peak waits');

    const stopB = actorB.tickNow(tick(2, '94000000')); // stop-loss: hurries the peak
    ok(stopB !== null);
    deepStrictEqual(
      (await stopB).map((e) => e.type),
      ['ExitTriggered', 'ExitOrderRequested'],
    );
    deepStrictEqual((await typesOf(b)).slice(-3), [
      'PeakPriceRaised',
      'ExitTriggered',
      'ExitOrderRequested',
    ]);
    strictEqual((await typesOf(a)).includes('ExitTriggered'), false, 'A is still held');
    store.release();
    deepStrictEqual(
      (await exitA).map((e) => e.type),
      ['ExitTriggered', 'ExitOrderRequested'],
    );
    await bus.close();
  });
});

const CONTEXT = () => ({ now: '2026-12-07T00:00:00.000Z', feeRate: DEFAULT_FEE_RATE });

/**
 * `n` active positions made through the service on `store`, then an actor for each over one
 * stream whose peaks may wait a minute for exits (only a hurry or a free slot lets them go).
 */
async function activeActors(bus: Bus, store: InMemoryEventStore, n: number) {
  const h = await new Harness(bus, store).start();
  const ids: PositionId[] = [];
  for (let i = 0; i < n; i++) ids.push(await runImmediate(h, `cmd-run-${i}`));
  for (const [i, id] of ids.entries()) await fillEntry(h, id, `t-entry-${i}`);
  await h.dispose();
  const stream = new PositionStream(store, 1000, undefined, 60_000);
  const actors = await Promise.all(
    ids.map(async (id) => new PositionActor(id, restore(await stream.load(id)), stream, CONTEXT)),
  );
  return { ids, stream, actors };
}

/** A gated store that records the items of each `appendEach` call. */
class EachRecordingStore extends GatedStore {
  readonly batches: string[][] = [];
  override appendEach(appends: Parameters<InMemoryEventStore['appendEach']>[0]) {
    this.batches.push(appends.map((a) => a.streamId));
    return super.appendEach(appends);
  }
}

describe('PositionActor: raised peaks waiting together are stored in one statement (ADR 0068)', () => {
  it('stores the peaks waiting behind an exit in one appendEach; a stale one is refused alone and re-decided', async () => {
    const bus = createInProcessBus();
    const store = new EachRecordingStore();
    const { ids, stream, actors } = await activeActors(bus, store, 4);
    // Another writer (its own stream, nothing in flight) raises the last position's peak first.
    const elsewhere = new PositionStream(store, 1000);
    const other = new PositionActor(
      ids[3]!,
      restore(await stream.load(ids[3]!)),
      elsewhere,
      CONTEXT,
    );

    store.hold(streamIdOf(ids[0]!));
    const exit = actors[0]!.tickNow(tick(1, '103500000')); // take-profit: its store is held
    const peaks = actors.slice(1).map((a) => a.tickNow(tick(1, '101500000'))); // +1.5 %
    ok(exit !== null && peaks.every((p) => p !== null));
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    const typesOf = async (id: PositionId) =>
      (await store.readStream(streamIdOf(id))).map((e) => e.type);
    const stale = other.tickNow(tick(2, '101200000')); // +1.2 %: stored at once, alone
    ok(stale !== null);
    deepStrictEqual(
      (await stale).map((e) => e.type),
      ['PeakPriceRaised'],
    );
    deepStrictEqual(store.batches, [], 'the peaks wait for the exit');
    store.release();
    deepStrictEqual(
      (await exit).map((e) => e.type),
      ['ExitTriggered', 'ExitOrderRequested'],
    );
    const decided = (await Promise.all(peaks)).map((events) => events.map((e) => e.type));
    deepStrictEqual(
      store.batches,
      [ids.slice(1).map(streamIdOf)],
      'the three waiting peaks in one call',
    );
    deepStrictEqual(decided.slice(0, 2), [['PeakPriceRaised'], ['PeakPriceRaised']]);
    deepStrictEqual(
      decided[2],
      [],
      're-decided after its reload: 101.5 M is within 1 % of 101.2 M',
    );
    for (const id of ids.slice(1, 3)) strictEqual((await typesOf(id)).at(-1), 'PeakPriceRaised');
    strictEqual(
      (await typesOf(ids[3]!)).filter((t) => t === 'PeakPriceRaised').length,
      1,
      'only the other writer’s peak',
    );
    await bus.close();
  });
});

/** A store whose `appendEach` fails as a whole (a lost connection, say). */
class FailingEachStore extends GatedStore {
  eachCalls = 0;
  override appendEach(): never {
    this.eachCalls += 1;
    throw new Error('connection lost');
  }
}

describe('PositionActor: a batch of raised peaks that fails as a whole (ADR 0068)', () => {
  it('stores each peak alone instead, and each actor hears its own append', async () => {
    const bus = createInProcessBus();
    const store = new FailingEachStore();
    const { ids, actors } = await activeActors(bus, store, 3);
    store.hold(streamIdOf(ids[0]!));
    const exit = actors[0]!.tickNow(tick(1, '103500000'));
    const peaks = actors.slice(1).map((a) => a.tickNow(tick(1, '101500000')));
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    store.release();
    ok(exit !== null && peaks.every((p) => p !== null));
    await exit;
    deepStrictEqual(
      (await Promise.all(peaks)).map((events) => events.map((e) => e.type)),
      [['PeakPriceRaised'], ['PeakPriceRaised']],
    );
    strictEqual(store.eachCalls, 1, 'the batch was tried once');
    for (const id of ids.slice(1))
      strictEqual(
        (await store.readStream(streamIdOf(id))).map((e) => e.type).at(-1),
        'PeakPriceRaised',
      );
    await bus.close();
  });
});
