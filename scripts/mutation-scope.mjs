// @ts-check
// What `npm run mutate` mutates and which tests must kill the mutants, per lib (ADR 0036,
// docs/mutation-testing.md): the files that decide exits, fees, PnL, tick prices and risk.
// Read by stryker.config.mjs and scripts/mutate.mjs.

/** @type {Record<string, { mutate: string[]; tests: string[] }>} */
export const LIBS = {
  model: {
    mutate: ['libs/model/src/tick-grid.ts', 'libs/model/src/money.ts'],
    tests: ['libs/model/dist/**/*.unit.test.js'],
  },
  risk: {
    mutate: [
      'libs/risk/src/loss-limit.ts',
      'libs/risk/src/pre-trade-checks.ts',
      'libs/risk/src/order-shape.ts',
      'libs/risk/src/liquidation-plan.ts',
      'libs/risk/src/liquidation-pacing.ts',
      'libs/risk/src/trading-state.decide.ts',
      'libs/risk/src/trading-state.ts',
    ],
    tests: ['libs/risk/dist/**/*.unit.test.js'],
  },
  position: {
    mutate: [
      'libs/position/src/evaluator/decide-on-market.ts',
      'libs/position/src/evaluator/entry-steps.ts',
      'libs/position/src/evaluator/exit-levels.ts',
      'libs/position/src/evaluator/exit-steps.ts',
      'libs/position/src/evaluator/exit-triggers.ts',
      'libs/position/src/evaluator/order-requests.ts',
      'libs/position/src/evaluator/price-watch.ts',
      'libs/position/src/live-state/fees.ts',
      'libs/position/src/live-state/order-track.ts',
      'libs/position/src/live-state/position-money.ts',
    ],
    // The model-based property test (replay/position.model) takes ~10 s a run: the given/when/then
    // tests beside the code must kill these mutants on their own.
    tests: [
      'libs/position/dist/evaluator/*.unit.test.js',
      'libs/position/dist/live-state/*.unit.test.js',
      'libs/position/dist/machine/*.unit.test.js',
      'libs/position/dist/replay/replay.unit.test.js',
    ],
  },
};

/** The libs whose sources a lib's tests import: a change there can change a mutant's fate. */
export const IMPORTS = {
  model: ['model'],
  risk: ['risk', 'model'],
  position: ['position', 'model', 'contracts', 'testkit'],
};
