import { ok, strictEqual } from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('npx hoga from the repository root', () => {
  it('runs the linked CLI (the workspace install links bin/hoga.mjs), never a registry package', () => {
    // --no-install: a missing link fails here instead of fetching whatever "hoga" the registry has.
    const run = spawnSync('npx', ['--no-install', 'hoga', '--help'], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    strictEqual(run.status, 0, `${run.stdout}\n${run.stderr}`);
    ok(run.stdout.startsWith('usage: hoga COMMAND [options]'), run.stdout);
    ok(run.stdout.includes('risk status'), run.stdout);
    strictEqual(
      realpathSync(`${ROOT}node_modules/.bin/hoga`),
      realpathSync(`${ROOT}tools/cli/bin/hoga.mjs`),
    );
  });
});
