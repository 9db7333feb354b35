import { ok, strictEqual } from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('npx upbit-emulator from the repository root', () => {
  it('runs the linked emulator (the workspace install links bin/upbit-emulator.mjs), never a registry package', () => {
    // --no-install: a missing link fails here instead of fetching whatever the registry has.
    const run = spawnSync('npx', ['--no-install', 'upbit-emulator', '--help'], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    strictEqual(run.status, 0, `${run.stdout}\n${run.stderr}`);
    ok(
      run.stdout.startsWith('upbit-emulator: a local Upbit REST + WebSocket exchange'),
      run.stdout,
    );
    strictEqual(
      realpathSync(`${ROOT}node_modules/.bin/upbit-emulator`),
      realpathSync(`${ROOT}tools/upbit-emulator/bin/upbit-emulator.mjs`),
    );
  });
});
