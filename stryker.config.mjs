// @ts-check
// Mutation testing of the code that decides money (issue 15 item 10, ADR 0036): run through
// `npm run mutate [model|risk|position]`, which sets HOGA_MUTATE_LIB and runs one lib at a time.
// Stryker mutates the TypeScript sources in a sandbox, builds that lib once with `tsc -b` (the
// mutants are compiled in as switches), then runs the lib's compiled unit tests once per mutant
// through its command runner (its mocha runner refuses mocha 12).
import { LIBS } from './scripts/mutation-scope.mjs';

const lib = process.env.HOGA_MUTATE_LIB ?? '';
const chosen = LIBS[lib];
if (chosen === undefined)
  throw new Error(
    `HOGA_MUTATE_LIB must be one of ${Object.keys(LIBS).join(', ')}: run npm run mutate`,
  );

const tests = chosen.tests.map((g) => `'${g}'`).join(' ');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'command',
  commandRunner: {
    // --timeout 5000: a mutant that leaves a test waiting fails it in 5 s, not mocha's 20 s;
    // the setup ends a failing fast-check property at its first counterexample (no shrinking).
    command: `node node_modules/mocha/bin/mocha.js --config .mocharc.json --reporter dot --bail --timeout 5000 --require scripts/mutation-mocha-setup.mjs ${tests}`,
  },
  // A mutant that loops forever is stopped at 1.5 x the unmutated run + 3 s (reported as a timeout).
  timeoutFactor: 1.5,
  timeoutMS: 3000,
  buildCommand: `tsc -b libs/${lib}`,
  mutate: chosen.mutate,
  // The sandbox needs only the libs and the root build and test settings.
  ignorePatterns: ['/services', '/tools', '/bench', '/docs', '/examples', '/reports', '/.hoga'],
  coverageAnalysis: 'off',
  concurrency: Number(process.env.HOGA_MUTATE_CONCURRENCY ?? 2),
  incremental: true,
  incrementalFile: `reports/mutation/${lib}.incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${lib}.html` },
  jsonReporter: { fileName: `reports/mutation/${lib}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 95, low: 90, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
