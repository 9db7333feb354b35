import { deepEqual, equal, ok } from 'node:assert/strict';
import fc from 'fast-check';
import { dec, type Decimal } from '@hoga/model';
import {
  DEFAULT_PRICE_SANITY,
  judgeTrade,
  median,
  NO_PRICE_HISTORY,
  withinBand,
  type PriceSanitySettings,
  type PriceSanityState,
  type PriceSanityVerdict,
} from './price-sanity.js';

/** Runs trades through the rule; returns each verdict and the final state. */
function run(
  prices: readonly (string | number | Decimal)[],
  settings: PriceSanitySettings = DEFAULT_PRICE_SANITY,
  from: PriceSanityState = NO_PRICE_HISTORY,
): { verdicts: PriceSanityVerdict[]; state: PriceSanityState } {
  let state = from;
  const verdicts: PriceSanityVerdict[] = [];
  for (const p of prices) {
    const out = judgeTrade(settings, state, dec(p));
    state = out.state;
    verdicts.push(out.verdict);
  }
  return { verdicts, state };
}
const kinds = (vs: readonly PriceSanityVerdict[]) => vs.map((v) => v.kind).join(' ');
/** A market whose last five trades were at 100,000,000 KRW. */
const settled = run([1e8, 1e8, 1e8, 1e8, 1e8]).state;

describe('price sanity rule (a trade far from recent trades is held until confirmed)', () => {
  it('median: the middle trade; the lower middle one of an even count', () => {
    equal(median([dec(3), dec(1), dec(2)]).toString(), '2');
    equal(median([dec(4), dec(1), dec(3), dec(2)]).toString(), '2');
  });
  it('band: inclusive at ±bandPct % of the reference', () => {
    ok(withinBand(dec(90), dec(100), dec(10)));
    ok(withinBand(dec(110), dec(100), dec(10)));
    ok(!withinBand(dec('89.99'), dec(100), dec(10)));
    ok(!withinBand(dec('110.01'), dec(100), dec(10)));
  });
  it('band: |price − reference| ≤ reference × pct / 100 (property)', () => {
    const amount = fc
      .tuple(fc.bigInt({ min: 1n, max: 10n ** 13n }), fc.integer({ min: -8, max: 0 }))
      .map(([digits, exponent]) => dec(`${digits}e${exponent}`));
    const pct = fc.constantFrom('0', '0.5', '1', '2.5', '10', '33.333', '100', '150');
    fc.assert(
      fc.property(amount, amount, pct, (price, reference, bandPct) => {
        const expected = price.minus(reference).abs().lte(reference.mul(bandPct).div(100));
        equal(withinBand(price, reference, dec(bandPct)), expected);
        equal(withinBand(reference, reference, dec(bandPct)), true);
      }),
      { numRuns: 2_000 },
    );
  });
  it('a band kept from trade to trade judges as one worked out afresh on every trade (property)', () => {
    // Prices on a coarse grid around 1e8, so medians repeat and moves cross the band.
    const prices = fc.array(
      fc.integer({ min: -15, max: 15 }).map((k) => dec(1e8 + k * 1_000_000)),
      { maxLength: 40 },
    );
    const settings = fc.constantFrom(
      DEFAULT_PRICE_SANITY,
      { ...DEFAULT_PRICE_SANITY, bandPct: dec(3) },
      { ...DEFAULT_PRICE_SANITY, window: 4, confirmTrades: 0 },
    );
    fc.assert(
      fc.property(prices, settings, (trades, s) => {
        let kept: PriceSanityState = NO_PRICE_HISTORY;
        let afresh: PriceSanityState = NO_PRICE_HISTORY;
        for (const p of trades) {
          const a = judgeTrade(s, kept, p);
          const { band: _forgotten, ...withoutBand } = afresh;
          const b = judgeTrade(s, withoutBand, p);
          deepEqual(a.verdict, b.verdict);
          deepEqual(a.state.recent, b.state.recent);
          kept = a.state;
          afresh = b.state;
        }
      }),
      { numRuns: 1_000 },
    );
  });
  it('given no history, the first trade is held and accepted on the third at its level', () => {
    const { verdicts } = run([1e8, 1e8, 1e8]);
    equal(kinds(verdicts), 'hold hold accept');
    deepEqual(verdicts[0], { kind: 'hold', why: 'no-reference', dropped: 0 });
    deepEqual(verdicts[2], { kind: 'accept', how: 'confirmed', dropped: 0 });
  });
  it('given recent trades, a trade within the band is accepted at once', () =>
    deepEqual(run([91_000_000], DEFAULT_PRICE_SANITY, settled).verdicts, [
      { kind: 'accept', how: 'in-band', dropped: 0 },
    ]));
  it('given recent trades, the reported 1e-8 tick is held and dropped when trading goes on', () => {
    const { verdicts, state } = run(['0.00000001', 1e8], DEFAULT_PRICE_SANITY, settled);
    deepEqual(verdicts, [
      { kind: 'hold', why: 'outlier', dropped: 0 },
      { kind: 'accept', how: 'in-band', dropped: 1 },
    ]);
    equal(state.held, null);
  });
  it('given recent trades, a 1e30 tick is held (no take-profit can see it)', () =>
    equal(kind0(run(['1e30'], DEFAULT_PRICE_SANITY, settled).verdicts), 'hold'));
  it('a genuine crash of three trades is accepted on its third trade (two confirming trades)', () => {
    const { verdicts, state } = run(
      [60_000_000, 59_000_000, 58_000_000],
      DEFAULT_PRICE_SANITY,
      settled,
    );
    equal(kinds(verdicts), 'hold hold accept');
    deepEqual(
      state.recent.map((p) => p.toString()),
      ['60000000', '59000000', '58000000'],
    );
  });
  it('a second outlier at another level replaces the first (which is dropped)', () => {
    const { verdicts } = run([50_000_000, 1e12], DEFAULT_PRICE_SANITY, settled);
    deepEqual(verdicts[1], { kind: 'hold', why: 'outlier', dropped: 1 });
  });
  it('confirmTrades 0 accepts everything', () =>
    equal(
      kinds(run([1e8, 1, 1e30], { ...DEFAULT_PRICE_SANITY, confirmTrades: 0 }).verdicts),
      'accept accept accept',
    ));
  it('a fall of 2 % a trade stays in the band and moves the reference (the last five)', () => {
    const drift = [98e6, 96e6, 94e6, 92e6, 90e6, 88e6];
    const { verdicts, state } = run(drift, DEFAULT_PRICE_SANITY, settled);
    equal(kinds(verdicts), 'accept accept accept accept accept accept');
    equal(state.recent.length, 5);
    equal(median(state.recent).toString(), '92000000');
  });
  it('a fall of 4 % a trade outruns the lagging median: held, then confirmed by the next two', () =>
    equal(
      kinds(run([96e6, 92e6, 88e6, 84e6, 80e6], DEFAULT_PRICE_SANITY, settled).verdicts),
      'accept accept hold hold accept',
    ));

  describe('properties', () => {
    const settings = fc.record({
      bandPct: fc.integer({ min: 1, max: 50 }).map((n) => dec(n)),
      window: fc.integer({ min: 1, max: 9 }),
      confirmTrades: fc.integer({ min: 1, max: 5 }),
    });
    /** A factor far outside any band up to 50 %: from 1e-30 to 1e30. */
    const outlierFactor = fc.oneof(
      fc.integer({ min: -30, max: -1 }).map((e) => dec(10).pow(e)),
      fc.integer({ min: 1, max: 30 }).map((e) => dec(10).pow(e)),
    );
    const base = dec(1e8);
    const normal = (s: PriceSanitySettings) =>
      fc
        .integer({ min: -1000, max: 1000 })
        .map((n) => base.plus(base.mul(s.bandPct).div(100).mul(n).div(2000)));

    it('runs of at most confirmTrades outliers between normal trades never get accepted', () =>
      fc.assert(
        fc.property(
          settings.chain((s) =>
            fc.tuple(
              fc.constant(s),
              fc.array(
                fc.oneof(
                  normal(s).map((p) => [p]),
                  fc
                    .array(outlierFactor, { minLength: 1, maxLength: s.confirmTrades })
                    .map((fs) => fs.map((f) => base.mul(f))),
                ),
                { maxLength: 30 },
              ),
            ),
          ),
          ([s, chunks]) => {
            let state = run(
              Array.from({ length: s.window }, () => base),
              s,
            ).state;
            // separate outlier runs by a normal trade, so no run is longer than confirmTrades
            for (const chunk of chunks) {
              for (const p of [...chunk, base]) {
                const out = judgeTrade(s, state, p);
                state = out.state;
                if (out.verdict.kind === 'accept') ok(withinBand(p, base, s.bandPct.mul(1.5)));
              }
            }
          },
        ),
      ));
    it('a genuine move of confirmTrades + 1 trades is accepted exactly on its last trade', () =>
      fc.assert(
        fc.property(settings, outlierFactor, (s, f) => {
          const from = run(
            Array.from({ length: s.window }, () => base),
            s,
          ).state;
          const move = Array.from({ length: s.confirmTrades + 1 }, () => base.mul(f));
          const { verdicts } = run(move, s, from);
          equal(
            kinds(verdicts),
            [...Array.from({ length: s.confirmTrades }, () => 'hold'), 'accept'].join(' '),
          );
        }),
      ));
    it('every accepted trade is within the band of the reference, or of its confirming trades', () =>
      fc.assert(
        fc.property(
          settings,
          fc.array(fc.oneof(outlierFactor, fc.constant(dec(1))), { maxLength: 40 }),
          (s, factors) => {
            let state: PriceSanityState = NO_PRICE_HISTORY;
            for (const f of factors) {
              const p = base.mul(f);
              const before = state;
              const out = judgeTrade(s, state, p);
              state = out.state;
              if (out.verdict.kind !== 'accept') continue;
              if (out.verdict.how === 'in-band')
                ok(withinBand(p, median(before.recent), s.bandPct));
              else {
                const held = before.held?.prices ?? [];
                equal(held.length, s.confirmTrades);
                ok(withinBand(p, held[0]!, s.bandPct));
                equal(state.recent.length, Math.min(s.window, s.confirmTrades + 1));
              }
            }
          },
        ),
      ));
  });
});

const kind0 = (vs: readonly PriceSanityVerdict[]) => vs[0]!.kind;
