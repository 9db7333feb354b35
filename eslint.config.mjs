// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const pureLibs = [
  'libs/model/src/**',
  'libs/contracts/src/**',
  'libs/position/src/**',
  'libs/risk/src/**',
  'libs/audit/src/core/**',
];

/** The services' domain cores: no I/O by convention, and by this config no clock and no chance. */
const serviceCores = ['services/*/src/domain/**'];

const PURE_CLOCK =
  'pure domain libs do not read the clock: take the time as an input (a Clock or an `at`)';
const PURE_RANDOM =
  'pure domain libs draw no random numbers or ids: take them as an input (an id, a generator)';
/** node:crypto may hash where time and chance are banned, but draws no random ids there. */
const NO_RANDOM_IDS = {
  name: 'node:crypto',
  importNames: ['randomUUID', 'randomBytes', 'randomInt'],
  message: PURE_RANDOM,
};

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'bench/results/**',
      '.stryker-tmp/**',
      'reports/**',
      '**/*.mjs',
      '**/*.cjs',
      'tools/*/public/**',
      'services/*/public/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.test.ts', 'bench/**'],
    rules: {
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The domain core does no I/O: no database, bus, socket or Node built-in imports.
    files: pureLibs,
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['pg', 'kysely', 'nats', '@nats-io/*', 'ws', 'node:*'],
              message: 'pure domain libs do no I/O',
            },
          ],
        },
      ],
    },
  },
  {
    // The partition rule (sha256 of the position id, ADR 0018, 0065) sits beside the subject
    // registry it names subjects for: a hash is a pure function, so node:crypto may hash here.
    files: ['libs/contracts/src/partition-of.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [NO_RANDOM_IDS],
          patterns: [
            {
              group: ['pg', 'kysely', 'nats', '@nats-io/*', 'ws', 'node:*', '!node:crypto'],
              message: 'pure domain libs do no I/O',
            },
          ],
        },
      ],
    },
  },
  {
    // Time and chance arrive in the input (a `Clock`, an `at`, an id): the pure libs and the
    // services' domain cores replay the same way every time (ADR 0059).
    files: [...pureLibs, ...serviceCores],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: PURE_CLOCK },
        { object: 'Math', property: 'random', message: PURE_RANDOM },
        { object: 'performance', property: 'now', message: PURE_CLOCK },
        { object: 'crypto', property: 'randomUUID', message: PURE_RANDOM },
        { object: 'globalThis', property: 'crypto', message: PURE_RANDOM },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: PURE_CLOCK },
        { selector: "CallExpression[callee.name='Date']", message: PURE_CLOCK },
      ],
    },
  },
  {
    // The services' cores may hash (node:crypto) but draw no random ids.
    files: serviceCores,
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [NO_RANDOM_IDS],
        },
      ],
    },
  },
);
