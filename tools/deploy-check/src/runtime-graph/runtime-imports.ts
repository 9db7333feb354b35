import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Packages that only tests and benchmarks may import (ADR 0061). */
export const TEST_ONLY_PACKAGES = ['@hoga/testkit', '@hoga/upbit-emulator'] as const;

/** The one runtime that may use the emulator: paper trading runs it (`npm start`). */
export const EMULATOR_RUNTIMES = ['@hoga/all-in-one'];

/** Every module specifier a TypeScript source names: `from '…'`, `import '…'`, `import('…')`. */
export const specifiersOf = (source: string): string[] =>
  [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"\s,;()]+)['"]/g)].map((m) => m[1]!);

/** The source without its type-only imports and exports (erased from the JavaScript). */
export const withoutTypeOnlyImports = (source: string): string =>
  source.replace(/\b(?:import|export)\s+type\s[^;]*;/g, '');

/** A test or test-kit file: `*.test.ts` or anything in a `testing/` folder. */
export const isTestFile = (path: string): boolean =>
  /\.test\.[jt]s$/.test(path) || path.split(sep).includes('testing');

/** The runtime sources of a package: `src/**\/*.ts` without tests, test kits and declarations. */
export const runtimeSources = (packageDir: string): string[] => {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return walk(path);
      return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
    });
  return walk(join(packageDir, 'src')).filter((p) => !isTestFile(relative(packageDir, p)));
};

/** Why one specifier of a runtime file pulls test code in, or undefined when it does not. */
export const testImportIn = (
  packageName: string,
  packageDir: string,
  file: string,
  specifier: string,
): string | undefined => {
  const bare = /^(@[^/]+\/[^/]+|[^./][^/]*)(\/.*)?$/.exec(specifier);
  if (bare) {
    const [, name, subpath] = bare;
    if (subpath === '/testing') return `${specifier} is a package's test kit`;
    const allowed = name === '@hoga/upbit-emulator' && EMULATOR_RUNTIMES.includes(packageName);
    if ((TEST_ONLY_PACKAGES as readonly string[]).includes(name!) && !allowed)
      return `${name} is a dev dependency (tests and benchmarks only)`;
    return undefined;
  }
  const target = relative(packageDir, resolve(dirname(file), specifier));
  return isTestFile(target) ? `${specifier} is test code` : undefined;
};

/** Each runtime import of test code in a package: `file: why`. */
export const testImportsOfPackage = (packageDir: string): string[] => {
  const { name } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    name: string;
  };
  return runtimeSources(packageDir).flatMap((file) =>
    specifiersOf(readFileSync(file, 'utf8')).flatMap((s) => {
      const why = testImportIn(name, packageDir, file, s);
      return why ? [`${relative(packageDir, file)}: ${why}`] : [];
    }),
  );
};

interface Manifest {
  readonly name: string;
  readonly dependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
}

/** The package a bare specifier names (`@scope/name` or `name`); undefined for a path. */
export const packageOf = (specifier: string): string | undefined => {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
};

/**
 * Each runtime import of a package the manifest does not list in `dependencies` (a dev
 * dependency, or none): `npm ci --omit=dev` would leave it out. Node built-ins, the package
 * itself and type-only imports (erased; their types come from `@types/*`) are fine.
 */
export const undeclaredImportsOfPackage = (packageDir: string): string[] => {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Manifest;
  const declared = new Set([
    manifest.name,
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);
  return runtimeSources(packageDir).flatMap((file) =>
    specifiersOf(withoutTypeOnlyImports(readFileSync(file, 'utf8'))).flatMap((s) => {
      const name = packageOf(s);
      if (name === undefined || declared.has(name)) return [];
      if (name.startsWith('node:') || builtinModules.includes(name)) return [];
      return [`${relative(packageDir, file)}: ${name} is not in dependencies`];
    }),
  );
};
