import { deepStrictEqual, ok } from 'node:assert/strict';
import { BACKGROUND_MAX_WAIT_MS, UrgentFirst } from './urgent-first.js';

/** A piece of work that finishes when the test says so. */
const held = () => {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { work: () => done, finish };
};
const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('UrgentFirst: a raised peak’s append gives way to an exit’s', () => {
  it('background work asked for before the urgent work of the same turn still starts after it', async () => {
    const order = new UrgentFirst();
    const started: string[] = [];
    const exit = held();
    const peak = order.background('p1', async () => void started.push('peak'));
    void order.urgent(async () => {
      started.push('exit');
      await exit.work();
    });
    await turn();
    await turn();
    deepStrictEqual(started, ['exit'], 'the peak waits while the exit is in flight');
    exit.finish();
    await peak;
    deepStrictEqual(started, ['exit', 'peak']);
  });

  it('background work runs at once (after its turn) when nothing urgent is in flight', async () => {
    const order = new UrgentFirst();
    const t0 = Date.now();
    deepStrictEqual(await order.background('p1', async () => 'stored'), 'stored');
    ok(Date.now() - t0 < BACKGROUND_MAX_WAIT_MS);
  });

  it('urgent work never waits for background work', async () => {
    const order = new UrgentFirst();
    const peak = held();
    const first = order.background('p1', peak.work);
    await turn();
    deepStrictEqual(await order.urgent(async () => 'exit stored'), 'exit stored');
    peak.finish();
    await first;
  });

  it('background work waits at most its longest wait behind urgent work that does not end', async () => {
    const order = new UrgentFirst();
    const stuck = held();
    void order.urgent(stuck.work);
    const t0 = Date.now();
    await order.background('p1', async () => undefined);
    const waited = Date.now() - t0;
    ok(waited >= BACKGROUND_MAX_WAIT_MS - 5, `waited ${waited} ms`);
    stuck.finish();
  });

  it('background work goes at once when its key is hurried (its position has an input waiting)', async () => {
    const order = new UrgentFirst();
    const stuck = held();
    void order.urgent(stuck.work);
    const started: string[] = [];
    const peak = order.background('p1', async () => void started.push('p1'));
    const other = order.background('p2', async () => void started.push('p2'));
    await turn();
    await turn();
    deepStrictEqual(started, []);
    order.hurry('p1');
    await peak;
    deepStrictEqual(started, ['p1'], 'only the hurried key went');
    stuck.finish();
    await other;
    deepStrictEqual(started, ['p1', 'p2']);
  });

  it('a hurry in the turn it was asked for lets it go after that turn', async () => {
    const order = new UrgentFirst();
    const stuck = held();
    void order.urgent(stuck.work);
    const peak = order.background('p1', async () => 'stored');
    order.hurry('p1');
    deepStrictEqual(await peak, 'stored');
    stuck.finish();
  });

  it('background work runs one at a time, in the order it asked, even after its longest wait', async () => {
    const order = new UrgentFirst(20);
    const stuck = held();
    void order.urgent(stuck.work); // never ends during the test: both wait their 20 ms
    const log: string[] = [];
    const first = held();
    const a = order.background('a', async () => {
      log.push('a starts');
      await first.work();
      log.push('a ends');
    });
    const b = order.background('b', async () => void log.push('b starts'));
    await new Promise((r) => setTimeout(r, 60));
    deepStrictEqual(log, ['a starts'], 'b waits for the slot a holds');
    first.finish();
    await Promise.all([a, b]);
    deepStrictEqual(log, ['a starts', 'a ends', 'b starts']);
    stuck.finish();
  });

  it('a hurried key does not wait for the slot', async () => {
    const order = new UrgentFirst();
    const first = held();
    const a = order.background('a', first.work);
    await turn();
    await turn();
    const started: string[] = [];
    const b = order.background('b', async () => void started.push('b'));
    await turn();
    await turn();
    deepStrictEqual(started, [], 'b waits for a');
    order.hurry('b');
    await b;
    deepStrictEqual(started, ['b']);
    first.finish();
    await a;
  });

  it('the slot goes on at a later turn: what the freeing turn queued (an order’s delivery) runs first', async () => {
    const order = new UrgentFirst();
    const exit = held();
    const log: string[] = [];
    const urgent = order.urgent(async () => {
      await exit.work();
      setImmediate(() => log.push('delivery')); // the order the exit published, handed over
    });
    const peak = order.background('p1', async () => void log.push('peak'));
    await turn();
    await turn();
    exit.finish();
    await urgent;
    await peak;
    deepStrictEqual(log, ['delivery', 'peak']);
  });
});
