import { equal, ok } from 'node:assert/strict';
import fc from 'fast-check';
import { dec, isOnTickGrid, roundToTick } from '@hoga/model';
import { moveTicks, tickDown, tickUp } from './tick-steps.js';

/** On-grid prices across all bands. */
const onGrid = fc
  .integer({ min: 1, max: 2_000_000_000 })
  .map((n) => roundToTick(dec(n).div(1000)))
  .filter((p) => p.gt(0));

describe('tick steps', () => {
  it('steps across band boundaries onto the finer grid', () => {
    equal(tickDown(dec('1000000')).toString(), '999500');
    equal(tickUp(dec('999500')).toString(), '1000000');
    equal(tickDown(dec('100')).toString(), '99.9');
    equal(tickUp(dec('99.9')).toString(), '100');
    equal(tickDown(dec('10000')).toString(), '9995');
  });

  it('stays on the grid and tickDown undoes tickUp', () => {
    fc.assert(
      fc.property(onGrid, (p) => {
        ok(isOnTickGrid(tickUp(p)) && isOnTickGrid(tickDown(p)), p.toString());
        equal(tickDown(tickUp(p)).toString(), p.toString());
        ok(tickUp(p).gt(p) && tickDown(p).lt(p));
      }),
    );
  });

  it('moves n ticks in either direction', () => {
    equal(moveTicks(dec('5000'), 3).toString(), '5015');
    equal(moveTicks(dec('5000'), -3).toString(), '4997');
    equal(moveTicks(dec('5000'), 0).toString(), '5000');
  });
});
