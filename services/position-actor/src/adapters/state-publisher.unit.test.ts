import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { createInProcessBus, type Bus } from '@hoga/bus';
import { subjects } from '@hoga/contracts';
import { InMemoryEventStore } from '@hoga/event-store';
import { eventually } from '@hoga/testkit';
import { DEFAULT_FEE_RATE, price, type PositionId } from '@hoga/model';
import { restore, type LivePosition } from '@hoga/position';
import { PositionStream } from '../app/position-stream.js';
import { fillEntry, runImmediate } from '../testing/happy-path.js';
import { Harness } from '../testing/harness.js';
import {
  STATE_FLUSH_MS,
  STATE_FLUSH_SLICE,
  STATE_FLUSH_TURN_MS,
  StatePublisher,
} from './state-publisher.js';

/** Price-only states leave the tick's turn: marked due, published by a sliced, throttled flush. */
describe('StatePublisher: marks published by the flush, changes at once', () => {
  let bus: Bus;
  let live: LivePosition;
  let id: PositionId;
  let clock: number;
  let got: { id: string; lastPrice: string | null; version: number }[];

  before(async () => {
    const setup = createInProcessBus();
    const store = new InMemoryEventStore();
    const h = await new Harness(setup, store).start();
    id = await runImmediate(h);
    await fillEntry(h, id);
    await h.dispose();
    await setup.close();
    live = restore(await new PositionStream(store, 1000).load(id));
  });
  beforeEach(async () => {
    bus = createInProcessBus();
    clock = Date.parse('2026-12-07T00:00:00Z');
    got = [];
    await bus.subscribe(subjects.positionState('*'), (d) => {
      got.push({
        id: d.data.data.positionId,
        lastPrice: d.data.data.lastPrice?.toString() ?? null,
        version: d.data.data.version,
      });
    });
  });
  afterEach(() => bus.close());

  const publisher = () => new StatePublisher(bus, DEFAULT_FEE_RATE, 1000, () => new Date(clock));
  /** The position's live state at a last price (a new object each time, as a decision makes). */
  const at = (p: string): LivePosition => ({
    snapshot: live.snapshot,
    watch: { ...live.watch, last: price(p) },
  });

  it('a tick publishes nothing in its turn; the flush publishes the latest marks once', async () => {
    const p = publisher();
    p.ticked(id, at('100100000'));
    p.ticked(id, at('100200000'));
    await new Promise((r) => setImmediate(r));
    strictEqual(got.length, 0, 'nothing in the tick’s turn');
    await eventually(() => strictEqual(got.length, 1), STATE_FLUSH_MS * 20);
    deepStrictEqual(
      got.map((g) => g.lastPrice),
      ['100200000'],
    );
    await p.stop();
  });

  it('publishes a position’s marks at most once per throttle period', async () => {
    const p = publisher();
    p.ticked(id, at('100100000'));
    await p.flush();
    clock += 500;
    p.ticked(id, at('100300000'));
    await p.flush();
    await eventually(() => strictEqual(got.length, 1));
    clock += 500;
    await p.flush();
    await eventually(() => strictEqual(got.length, 2));
    deepStrictEqual(
      got.map((g) => g.lastPrice),
      ['100100000', '100300000'],
    );
    await p.stop();
  });

  it('a change publishes at once and takes the position off the flush (no older state after it)', async () => {
    const p = publisher();
    p.ticked(id, at('100100000'));
    await p.changed(id, at('100400000'));
    clock += 1000; // past the throttle: an older state still due would go now
    await p.flush();
    await eventually(() => strictEqual(got.length, 1));
    await new Promise((r) => setTimeout(r, STATE_FLUSH_MS * 2));
    deepStrictEqual(
      got.map((g) => g.lastPrice),
      ['100400000'],
    );
    await p.stop();
  });

  it('ends a turn of the flush once it has used its time, after at least one state', async () => {
    let turnMs = 0;
    // Each reading of the turn clock says another 0.4 turn budgets went by.
    const p = new StatePublisher(
      bus,
      DEFAULT_FEE_RATE,
      1000,
      () => new Date(clock),
      () => undefined,
      () => (turnMs += STATE_FLUSH_TURN_MS * 0.4),
    );
    const many = 9;
    for (let i = 0; i < many; i++) p.ticked(`${id}-${i}` as PositionId, live);
    const published: number[] = [];
    const origin = bus.publish.bind(bus);
    bus.publish = (route, message, options) => {
      published.push(turnMs);
      return origin(route, message, options);
    };
    const turns: number[] = [];
    let stop = false;
    const count = (): void => {
      turns.push(published.length);
      if (!stop) setImmediate(count);
    };
    setImmediate(count);
    await p.flush();
    stop = true;
    await eventually(() => strictEqual(got.length, many));
    // Three states per turn: the clock passes the budget at its 4th reading of the turn.
    const perTurn = [0, ...turns].filter((n, i, all) => i === 0 || n !== all[i - 1]);
    strictEqual(
      perTurn.every((n, i) => i === 0 || n - perTurn[i - 1]! <= 3),
      true,
      `states per turn: ${perTurn.join(',')}`,
    );
    strictEqual(published.length, many);
    await p.stop();
  });

  it('publishes many positions a slice per turn of the loop, and nothing once stopped', async () => {
    const p = publisher();
    const many = STATE_FLUSH_SLICE * 3;
    for (let i = 0; i < many; i++) p.ticked(`${id}-${i}` as PositionId, live);
    let sentWhenOtherWorkRan = -1;
    const flushing = p.flush();
    setImmediate(() => (sentWhenOtherWorkRan = got.length));
    await flushing;
    await eventually(() => strictEqual(got.length, many));
    strictEqual(
      sentWhenOtherWorkRan >= 0 && sentWhenOtherWorkRan < many,
      true,
      'other work ran in between',
    );
    await p.stop();
    p.ticked(id, at('100500000'));
    await new Promise((r) => setTimeout(r, STATE_FLUSH_MS * 2));
    strictEqual(got.length, many, 'nothing after stop');
  });
});
