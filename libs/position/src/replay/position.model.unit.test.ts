import { deepStrictEqual } from 'node:assert/strict';
import fc from 'fast-check';
import { PositionEvent } from '@hoga/contracts';
import { dec } from '@hoga/model';
import { spec as baseSpec } from '../testing/position.js';
import type { OrderStyle, StrategySpec } from '../strategy/index.js';
import { PositionWorld, type Action } from '../testing/position-world.js';

const pct = (min: number, max: number) =>
  fc.integer({ min: min * 10, max: max * 10 }).map((x) => dec(x).div(10));
const style: fc.Arbitrary<OrderStyle> = fc.oneof(
  fc.constant('market' as const),
  fc.integer({ min: -2, max: 2 }).map((offsetTicks) => ({ limit: { offsetTicks } })),
);
const rsiAbove = { indicator: 'rsi', period: 14, interval: '1m', op: '>', value: dec(70) } as const;

/** Random strategies: entry now or on a condition, market or limit orders, any mix of exits (one protective at least). */
const specs: fc.Arbitrary<StrategySpec> = fc
  .record({
    immediate: fc.boolean(),
    entry: style,
    exit: style,
    takeProfitPct: fc.option(pct(1, 10), { nil: undefined }),
    stopLossPct: pct(1, 10),
    trailingStopPct: fc.option(pct(1, 5), { nil: undefined }),
    trailingActivationPct: fc.option(pct(1, 3), { nil: undefined }),
    maxHoldMinutes: fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined }),
    when: fc.boolean(),
  })
  .map((r) =>
    baseSpec(
      { entry: r.immediate ? 'immediate' : rsiAbove, orders: { entry: r.entry, exit: r.exit } },
      {
        takeProfitPct: r.takeProfitPct,
        stopLossPct: r.stopLossPct,
        trailingStopPct: r.trailingStopPct,
        trailingActivationPct:
          r.trailingStopPct === undefined ? undefined : r.trailingActivationPct,
        maxHoldMinutes: r.maxHoldMinutes,
        when: r.when ? rsiAbove : undefined,
      },
    ),
  );

/** Market moves, exchange activity, deliveries in any order, repeats, operators, halts and crashes. */
const actions: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      t: fc.constant('tick' as const),
      bps: fc.integer({ min: -400, max: 400 }),
      minutes: fc.integer({ min: 0, max: 30 }),
      entry: fc.boolean(),
      exit: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('candle' as const),
      minutes: fc.integer({ min: 0, max: 60 }),
      entry: fc.boolean(),
      exit: fc.boolean(),
    }),
  },
  {
    weight: 12,
    arbitrary: fc.record({
      t: fc.constant('fill' as const),
      share: fc.oneof(fc.constant(100), fc.integer({ min: 1, max: 100 })),
    }),
  },
  { weight: 4, arbitrary: fc.constant({ t: 'complete' as const }) },
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant('fail' as const),
      cause: fc.constantFrom(
        'rejected' as const,
        'denied' as const,
        'not-placed' as const,
        'unsent' as const,
        'expired' as const,
      ),
      exitOnly: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('note' as const),
      kind: fc.constantFrom('accepted' as const, 'unknown' as const),
    }),
  },
  {
    weight: 24,
    arbitrary: fc.record({
      t: fc.constant('deliver' as const),
      index: fc.oneof(fc.constant(0), fc.nat(5)),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('duplicate' as const), index: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('bogus' as const), other: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('command' as const),
      verb: fc.constantFrom(
        'close' as const,
        'pause' as const,
        'resume' as const,
        'retry-close' as const,
        'retry-close' as const,
        'dismiss' as const,
      ),
      id: fc.nat(9),
    }),
  },
  { weight: 6, arbitrary: fc.record({ t: fc.constant('operate' as const), choice: fc.nat(11) }) },
  { weight: 1, arbitrary: fc.constant({ t: 'halt' as const }) },
  { weight: 2, arbitrary: fc.constant({ t: 'crash' as const }) },
);

/** How often each event type and each final status occurred: the model must explore them all. */
const seen = new Map<string, number>();
const count = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);

/** Runs one generated history and checks every invariant on the way and at the end. */
const history = fc.property(
  specs,
  fc.array(actions, { minLength: 10, maxLength: 50 }),
  (spec, steps) => {
    const world = new PositionWorld(spec, deepStrictEqual);
    for (const step of steps) world.act(step);
    world.finish();
    for (const e of world.stored) count(e.type);
    count(`final:${world.live.snapshot.status}`);
    if (steps.some((s) => s.t === 'crash') && world.live.snapshot.status !== 'pending')
      count('crash-after-entry');
  },
);

/**
 * Counterexamples found while building the machine, kept as values: they stay valid when the
 * generators change (a fast-check seed + path only replays against the generators it came from).
 */
const EXAMPLES: ReadonlyArray<{
  readonly found: string;
  readonly spec: StrategySpec;
  readonly steps: readonly Action[];
}> = [
  {
    found:
      'a fully filled limit entry, then an exit (the exchange model had kept the filled order open)',
    spec: baseSpec(
      { entry: rsiAbove, orders: { entry: { limit: { offsetTicks: 0 } }, exit: 'market' } },
      { takeProfitPct: dec(1), stopLossPct: dec(1) },
    ),
    steps: [
      { t: 'tick', bps: 0, minutes: 0, entry: true, exit: false },
      { t: 'fill', share: 100 },
      { t: 'deliver', index: 0 },
      { t: 'tick', bps: 100, minutes: 0, entry: false, exit: false },
    ],
  },
];

/** Failing seeds of the current generators, replayed with fast-check's `seed` + `path`. */
const SEEDS: ReadonlyArray<{
  readonly seed: number;
  readonly path: string;
  readonly found: string;
}> = [];

describe('position machine model (fast-check): fills, partial fills, rejections, duplicates, reordering, operators, halts, crash-replay', () => {
  it('keeps one live order per intent, filled <= ordered, closed terminal, replay = live, over 10,000 histories', () => {
    seen.clear();
    fc.assert(history, { numRuns: 10_000 });
    // Each at least 10 times (the rarest, CloseRetried, comes about 35 times per 10,000 histories).
    const rare = [
      ...PositionEvent.types.map((c) => c.name),
      ...['pending', 'active', 'closing', 'closed', 'error'].map((s) => `final:${s}`),
      'crash-after-entry',
    ].filter((k) => (seen.get(k) ?? 0) < 10);
    deepStrictEqual(
      rare,
      [],
      `the generated histories must reach every event type and status (seen: ${JSON.stringify(Object.fromEntries(seen))})`,
    );
  }).timeout(120_000);
  for (const r of EXAMPLES) {
    it(`still holds for: ${r.found}`, () =>
      fc.assert(history, { examples: [[r.spec, [...r.steps]]], numRuns: 1 }));
  }
  for (const r of SEEDS) {
    it(`still holds for seed ${r.seed}: ${r.found}`, () =>
      fc.assert(history, { seed: r.seed, path: r.path, endOnFailure: true }));
  }
});
