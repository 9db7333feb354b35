import { deepStrictEqual, equal, throws } from 'node:assert/strict';
import { Driver, inputs, orderEvents as oe, throughStorage } from '../testing/position.js';
import { isPositionEventRejected } from '../machine/position-snapshot.js';
import { replay, replayWithMachine } from './replay.js';

function lifecycle(): Driver {
  const d = new Driver();
  d.runAll(
    inputs.start(),
    inputs.order(oe.filled('pos-1-e1', 't1', '0.001', '100000000')),
    inputs.order(oe.completed('pos-1-e1', 'cancel', '0.001999')),
    inputs.order(oe.filled('pos-1-e1', 't2', '0.000999', '100000000')),
    inputs.tick(101_500_000),
    inputs.command('pause', 'c1'),
    inputs.tick(94_000_000),
    inputs.order(oe.filled('pos-1-x1', 'x1', '0.001', '94000000')),
    inputs.order(oe.completed('pos-1-x1', 'cancel', '0.001')),
    inputs.order(oe.rejected('pos-1-x2')),
    inputs.command('retry-close', 'c2'),
    inputs.order(oe.filled('pos-1-x3', 'x2', '0.000999', '93000000')),
  );
  return d;
}

describe('replay', () => {
  it('folds the stored events to the live state, through the table and through xstate', () => {
    const d = lifecycle();
    equal(d.status, 'closed');
    const stored = throughStorage(d.stored);
    deepStrictEqual(replay(stored), d.live.snapshot);
    deepStrictEqual(replayWithMachine(stored), d.live.snapshot);
    deepStrictEqual(
      stored.map((e) => e.id),
      d.stored.map((_, i) => `pos-1:${i + 1}`),
    );
  });
  it('continues from a snapshot as from the start', () => {
    const stored = lifecycle().stored;
    deepStrictEqual(replay(stored.slice(9), replay(stored.slice(0, 9))), replay(stored));
  });
  it('refuses a history the machine does not allow (a repeated or missing event)', () => {
    const stored = lifecycle().stored;
    throws(() => replay([...stored.slice(0, 4), stored[3]!]), isPositionEventRejected);
    throws(() => replay([stored[0]!, stored[2]!]), isPositionEventRejected);
    throws(() => replayWithMachine([...stored, stored.at(-1)!]), isPositionEventRejected);
  });
  it('never changes a snapshot it folds from', () => {
    const stored = lifecycle().stored;
    const before = replay(stored.slice(0, 3));
    const copy = replay(stored.slice(0, 3));
    replay(stored.slice(3), before);
    deepStrictEqual(before, copy);
  });
});
