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
);
