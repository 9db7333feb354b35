#!/usr/bin/env node
// `npm run mutate [model|risk|position ...]`: mutation testing of the code that decides money
// (stryker.config.mjs, docs/mutation-testing.md, ADR 0036). One Stryker run per lib, in turn;
// then a table of the score per file from the JSON reports, and a non-zero exit when a file
// scores under 95 %. Not part of `npm test`: it takes minutes (incremental reruns are faster).
// `--survivors` retests only the lines where the last report has survivors (use it after adding
// tests; it keeps the other results and leaves the next plain run a full one).
// Env: HOGA_MUTATE_CONCURRENCY (default 2) test processes at once; HOGA_MUTATE_FORCE=1 ignores
// the incremental results and tests every mutant again.
//
// Incremental runs: with the command runner Stryker knows no test per mutant, so it reuses every
// earlier result whose mutated code did not change, even when the tests did. This script therefore
// fingerprints everything else the results depend on (the lib's other sources and tests, the
// libs it imports, the Stryker config) and forces a full run when that fingerprint changed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IMPORTS, LIBS } from './mutation-scope.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ALL = Object.keys(LIBS);
const MIN_SCORE = 95;
const retestSurvivors = process.argv.includes('--survivors');
const asked = process.argv.slice(2).filter((a) => a !== '--survivors');
const unknown = asked.filter((l) => !ALL.includes(l));
if (unknown.length > 0) {
  console.error(`[mutate] unknown lib(s) ${unknown.join(', ')}; choose from ${ALL.join(', ')}`);
  process.exit(2);
}
const libs = asked.length > 0 ? asked : ALL;
const bin = (name) => join(root, 'node_modules/.bin', name);

// The sandbox builds the mutated lib; the libs it imports are read from this tree's dist.
const built = spawnSync(bin('tsc'), ['-b', ...libs.map((l) => `libs/${l}`)], {
  cwd: root,
  stdio: 'inherit',
});
if (built.status !== 0) process.exit(built.status ?? 1);

/** Every source file under `dir` (dist and node_modules left out), sorted. */
function sources(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** A hash of what a lib's results depend on besides the mutated files Stryker diffs itself. */
function fingerprint(lib) {
  const hash = createHash('sha256');
  const mutated = new Set(LIBS[lib].mutate.map((f) => join(root, f)));
  const files = [
    join(root, 'stryker.config.mjs'),
    join(root, 'scripts/mutation-scope.mjs'),
    ...IMPORTS[lib].flatMap((l) => sources(join(root, 'libs', l, 'src'))),
  ].filter((f) => !mutated.has(f));
  for (const file of files)
    hash.update(relative(root, file)).update('\0').update(readFileSync(file));
  return hash.digest('hex');
}

/**
 * The last report's surviving mutants as whole-line mutate ranges (`file:from-to`), or null when
 * a mutated file changed since that report (its line numbers no longer hold: run everything).
 */
function survivorRanges(lib) {
  const file = join(root, 'reports/mutation', `${lib}.json`);
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const files = Object.entries(report.files).map(([name, f]) => [
    relative(root, join(root, name)),
    f,
  ]);
  if (files.some(([name, f]) => readFileSync(join(root, name), 'utf8') !== f.source)) return null;
  const ranges = files.flatMap(([name, { mutants }]) =>
    mutants
      .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
      .map((m) => `${name}:${m.location.start.line}-${m.location.end.line}`),
  );
  return [...new Set(ranges)];
}

const runs = [];
for (const lib of libs) {
  const started = Date.now();
  const stamp = join(root, 'reports/mutation', `${lib}.fingerprint`);
  const now = fingerprint(lib);
  const stale = !existsSync(stamp) || readFileSync(stamp, 'utf8') !== now;
  let args = ['run', 'stryker.config.mjs'];
  const ranges = retestSurvivors ? survivorRanges(lib) : null;
  if (retestSurvivors && ranges === null)
    console.log(
      `[mutate] ${lib}: code changed since the last report: full run, not survivors only`,
    );
  if (ranges !== null) {
    // After tests were only added: retest the lines of the last survivors, keep the rest.
    console.log(`[mutate] ${lib}: retesting the ${ranges.length} line(s) with survivors`);
    if (ranges.length === 0) {
      runs.push({ lib, status: 0, seconds: 0 });
      continue;
    }
    args = [...args, '--force', '--mutate', ranges.join(',')];
  } else if (process.env.HOGA_MUTATE_FORCE || stale || retestSurvivors) {
    if (stale)
      console.log(`[mutate] ${lib}: tests or sources changed since the last run: full run`);
    args = [...args, '--force'];
  }
  const r = spawnSync(bin('stryker'), args, {
    cwd: root,
    env: { ...process.env, HOGA_MUTATE_LIB: lib },
    stdio: 'inherit',
  });
  if (r.status === 0 && ranges === null) {
    mkdirSync(dirname(stamp), { recursive: true });
    writeFileSync(stamp, now);
  }
  runs.push({ lib, status: r.status ?? 1, seconds: Math.round((Date.now() - started) / 1000) });
}

/** Score per file from a Stryker JSON report (mutation-testing-report-schema). */
function scores(lib) {
  const file = join(root, 'reports/mutation', `${lib}.json`);
  if (!existsSync(file)) return [];
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return Object.entries(report.files).map(([name, { mutants }]) => {
    const count = (...states) => mutants.filter((m) => states.includes(m.status)).length;
    const detected = count('Killed', 'Timeout');
    const undetected = count('Survived', 'NoCoverage');
    const valid = detected + undetected;
    return {
      file: relative(root, join(root, name)),
      score: valid === 0 ? 100 : (100 * detected) / valid,
      detected,
      survived: undetected,
      ignored: count('Ignored'),
      errors: count('CompileError', 'RuntimeError'),
    };
  });
}

let failed = runs.some((r) => r.status !== 0);
console.log('\n[mutate] score per file (killed + timed out) / (killed + timed out + survived)');
console.log('| file | score % | killed | survived | equivalent (ignored) | errors |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const { lib } of runs)
  for (const s of scores(lib)) {
    if (s.score < MIN_SCORE) failed = true;
    console.log(
      `| ${s.file} | ${s.score.toFixed(2)} | ${s.detected} | ${s.survived} | ${s.ignored} | ${s.errors} |`,
    );
  }
for (const r of runs) console.log(`[mutate] ${r.lib}: ${r.seconds} s, stryker exit ${r.status}`);
if (failed) console.error(`[mutate] a run failed or a file scores under ${MIN_SCORE} %`);
process.exit(failed ? 1 : 0);
