import { deepStrictEqual, ok } from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../deploy-paths.js';
import {
  EMULATOR_RUNTIMES,
  TEST_ONLY_PACKAGES,
  specifiersOf,
  testImportIn,
  testImportsOfPackage,
  packageOf,
  undeclaredImportsOfPackage,
  withoutTypeOnlyImports,
} from './runtime-imports.js';

/** Test packages: everything in them is test code. */
const TEST_PACKAGES = ['libs/testkit', 'tools/e2e', 'tools/deploy-check'];

const runtimePackages = ['libs', 'services', 'tools']
  .flatMap((group) => readdirSync(join(repoRoot, group)).map((name) => `${group}/${name}`))
  .filter((dir) => !TEST_PACKAGES.includes(dir))
  .filter((dir) => readdirSync(join(repoRoot, dir)).includes('package.json'));

interface Manifest {
  readonly name: string;
  readonly dependencies?: Record<string, string>;
}
const manifestOf = (dir: string): Manifest =>
  JSON.parse(readFileSync(join(repoRoot, dir, 'package.json'), 'utf8')) as Manifest;

describe('test code stays out of the runtime graph (ADR 0061)', () => {
  it('finds the packages it checks', () => {
    for (const dir of ['services/market-feed', 'services/risk-guard', 'libs/position', 'tools/cli'])
      ok(runtimePackages.includes(dir), `${dir} in ${runtimePackages.join(', ')}`);
  });

  it("no service, lib or tool depends on @hoga/testkit or the emulator at runtime (the image's npm ci --omit=dev leaves dev dependencies out)", () => {
    const wrong = runtimePackages.flatMap((dir) => {
      const { name, dependencies = {} } = manifestOf(dir);
      return TEST_ONLY_PACKAGES.filter((d) => d in dependencies)
        .filter((d) => !(d === '@hoga/upbit-emulator' && EMULATOR_RUNTIMES.includes(name)))
        .map((d) => `${dir}: ${d} in dependencies`);
    });
    deepStrictEqual(wrong, []);
  });

  it('no runtime source imports a test kit, a ./testing export, a test file or a dev-only package', () => {
    const wrong = runtimePackages.flatMap((dir) =>
      testImportsOfPackage(join(repoRoot, dir)).map((w) => `${dir}/${w}`),
    );
    deepStrictEqual(wrong, []);
  });

  it('every package a runtime source imports is in its dependencies (what --omit=dev installs)', () => {
    const wrong = runtimePackages.flatMap((dir) =>
      undeclaredImportsOfPackage(join(repoRoot, dir)).map((w) => `${dir}/${w}`),
    );
    deepStrictEqual(wrong, []);
  });

  it('names the package of a specifier', () => {
    deepStrictEqual(
      ['@hoga/model/decimal', 'fp-ts/lib/Either.js', 'pg', './x.js', '../y.js', 'node:fs'].map(
        packageOf,
      ),
      ['@hoga/model', 'fp-ts', 'pg', undefined, undefined, 'node:fs'],
    );
  });

  it('sees every form of import, and tells test code from runtime code', () => {
    deepStrictEqual(
      specifiersOf(
        "import { a } from '@hoga/testkit';\nimport type { B } from './b.js';\nexport * from '../c.js';\nimport 'side';\nconst d = await import('./d.js');\nexport {\n  e,\n} from \"@hoga/x/testing\";",
      ),
      ['@hoga/testkit', './b.js', '../c.js', 'side', './d.js', '@hoga/x/testing'],
    );
    deepStrictEqual(specifiersOf("instant('from', options.from, synopsis);\nx('to');"), []);
    deepStrictEqual(
      specifiersOf(
        withoutTypeOnlyImports(
          "import type { RawData } from 'ws';\nexport type {\n  A,\n} from 'b';\nimport { type C, d } from 'e';",
        ),
      ),
      ['e'],
    );
    const dir = '/repo/services/x';
    const file = `${dir}/src/app/y.ts`;
    const why = (pkg: string, s: string): string | undefined => testImportIn(pkg, dir, file, s);
    ok(why('@hoga/x', '@hoga/testkit'));
    ok(why('@hoga/x', '@hoga/upbit-emulator'));
    ok(why('@hoga/all-in-one', '@hoga/testkit'));
    deepStrictEqual(why('@hoga/all-in-one', '@hoga/upbit-emulator'), undefined);
    ok(why('@hoga/x', '@hoga/market-feed/testing'));
    ok(why('@hoga/x', '../testing/harness.js'));
    ok(why('@hoga/x', './y.unit.test.js'));
    deepStrictEqual(why('@hoga/x', '@hoga/model/decimal'), undefined);
    deepStrictEqual(why('@hoga/x', '../domain/z.js'), undefined);
    deepStrictEqual(why('@hoga/x', 'node:fs'), undefined);
  });
});
