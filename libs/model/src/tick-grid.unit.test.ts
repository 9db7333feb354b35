import { equal, ok } from 'node:assert/strict';
import fc from 'fast-check';
import { dec } from './decimal.js';
import {
  isMultipleOf,
  isOnTickGrid,
  KRW_TICK_BANDS,
  krwTickSize,
  roundToTick,
} from './tick-grid.js';

/** Ticks of every shape: the bands', and others an instrument may give (0.5, 25, 2.5e-7, 7 ...). */
const TICKS = [
  ...KRW_TICK_BANDS.map(([, tick]) => tick.toString()),
  '0.5',
  '0.05',
  '2.5',
  '25',
  '250',
  '2.5e-7',
  '1e-12',
  '10000',
  '1e20',
  // Whole ticks that do not divide a power of ten: a misplaced digit word changes the remainder.
  '3',
  '7',
  '999',
  '1024',
  '12345',
];
/** Positive prices of every size: 1 to 22 digits, 0 to 14 decimal places. */
const price = fc
  .tuple(fc.bigInt({ min: 1n, max: 10n ** 22n }), fc.integer({ min: -14, max: 6 }))
  .map(([digits, exponent]) => dec(`${digits}e${exponent}`));

/** Each band of upbit-api.md: its lower bound, the tick, and the tick of the band below it. */
const BANDS: ReadonlyArray<[lower: string, tick: string, below: string | null]> = [
  ['1000000', '1000', '500'],
  ['500000', '500', '100'],
  ['100000', '100', '50'],
  ['50000', '50', '10'],
  ['10000', '10', '5'],
  ['5000', '5', '1'],
  ['100', '1', '0.1'],
  ['10', '0.1', '0.01'],
  ['1', '0.01', '0.001'],
  ['0.1', '0.001', '0.0001'],
  ['0.01', '0.0001', '0.00001'],
  ['0.001', '0.00001', '0.000001'],
  ['0.0001', '0.000001', '0.0000001'],
  ['0.00001', '0.0000001', '0.00000001'],
];

describe('KRW tick grid', () => {
  for (const [lower, tick, below] of BANDS) {
    describe(`band from ${lower} (tick ${tick})`, () => {
      it('uses the band tick at its lower bound', () =>
        equal(krwTickSize(dec(lower)).toString(), tick));
      it('uses the band tick just above its lower bound', () =>
        equal(krwTickSize(dec(lower).plus(tick)).toString(), tick));
      if (below !== null) {
        it('uses the lower band tick one lower-tick below the bound', () =>
          equal(krwTickSize(dec(lower).minus(below)).toString(), below));
      }
      it('accepts the bound and bound+tick, rejects bound+tick/2', () => {
        ok(isOnTickGrid(dec(lower)));
        ok(isOnTickGrid(dec(lower).plus(tick)));
        ok(!isOnTickGrid(dec(lower).plus(dec(tick).div(2))));
      });
    });
  }

  it('tells a multiple of a tick exactly as decimal.js’s remainder does (property)', () => {
    fc.assert(
      fc.property(
        price,
        fc.constantFrom(...TICKS),
        fc.integer({ min: 1, max: 10 ** 6 }),
        (p, t, k) => {
          const tick = dec(t);
          equal(isMultipleOf(p, tick), p.mod(tick).isZero(), `${p.toString()} / ${t}`);
          const multiple = tick.mul(k);
          ok(isMultipleOf(multiple, tick), `${multiple.toString()} / ${t}`);
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('refuses zero, negative, infinite and NaN prices', () => {
    for (const bad of ['0', '-1000', 'Infinity', 'NaN']) ok(!isOnTickGrid(dec(bad)), bad);
  });

  it('uses the smallest tick below 0.00001', () =>
    equal(krwTickSize(dec('0.000005')).toString(), '0.00000001'));

  it('rounds down, up and to nearest inside a band', () => {
    equal(roundToTick(dec('123456'), 'down').toString(), '123400');
    equal(roundToTick(dec('123456'), 'up').toString(), '123500');
    equal(roundToTick(dec('123456'), 'nearest').toString(), '123500');
    equal(roundToTick(dec('123449'), 'nearest').toString(), '123400');
    equal(roundToTick(dec('2.345'), 'down').toString(), '2.34');
  });

  it('rounds up where rounding to nearest would round down: an ask never lands below its reference', () => {
    // Given prices just above a grid point (nearest goes down, up goes to the next tick)
    const cases: ReadonlyArray<[reference: string, up: string, nearest: string]> = [
      ['123401', '123500', '123400'],
      ['123449.99', '123500', '123400'],
      ['2.341', '2.35', '2.34'],
      ['999.4', '1000', '999'],
      ['0.0123401', '0.0124', '0.0123'],
    ];
    for (const [reference, up, nearest] of cases) {
      // When rounded up and to nearest
      const ask = roundToTick(dec(reference), 'up');
      // Then up is the next grid point, never below the reference, and differs from nearest
      equal(ask.toString(), up, `up of ${reference}`);
      equal(roundToTick(dec(reference), 'nearest').toString(), nearest, `nearest of ${reference}`);
      ok(ask.gte(reference), `${ask.toString()} < ${reference}`);
      ok(isOnTickGrid(ask));
    }
  });

  it('rounds down where rounding to nearest would round up: a bid never lands above its reference', () => {
    equal(roundToTick(dec('123499'), 'down').toString(), '123400');
    equal(roundToTick(dec('123499'), 'nearest').toString(), '123500');
    equal(roundToTick(dec('2.349'), 'down').toString(), '2.34');
  });

  it('leaves a price already on the grid where it is, whatever the mode', () => {
    for (const mode of ['down', 'up', 'nearest'] as const)
      equal(roundToTick(dec('123400'), mode).toString(), '123400', mode);
  });

  it('rounds to nearest when no mode is given, half up', () => {
    equal(roundToTick(dec('123449')).toString(), '123400');
    equal(roundToTick(dec('123450')).toString(), '123500');
  });

  it('rounding up across a band bound lands on the upper band grid', () => {
    const up = roundToTick(dec('999999'), 'up');
    equal(up.toString(), '1000000');
    ok(isOnTickGrid(up));
    const up2 = roundToTick(dec('99999'), 'up');
    equal(up2.toString(), '100000');
    ok(isOnTickGrid(up2));
  });

  it('rounds down in the upper band using the upper tick', () =>
    equal(roundToTick(dec('1000999'), 'down').toString(), '1000000'));

  it('honours an explicit tick size from /v1/orderbook/instruments', () => {
    equal(roundToTick(dec('1234.56'), 'down', dec('0.5')).toString(), '1234.5');
    ok(isOnTickGrid(dec('1234.5'), dec('0.5')));
    ok(!isOnTickGrid(dec('1234.3'), dec('0.5')));
  });

  it('gives a price below every band (negative, NaN) the smallest tick instead of throwing', () => {
    equal(krwTickSize(dec('-5')).toString(), '0.00000001');
    equal(krwTickSize(dec(NaN)).toString(), '0.00000001');
  });

  it('rejects zero, negative and non-finite prices', () => {
    ok(!isOnTickGrid(dec(0)));
    ok(!isOnTickGrid(dec(-1000)));
    ok(!isOnTickGrid(dec(Infinity)));
  });
});
