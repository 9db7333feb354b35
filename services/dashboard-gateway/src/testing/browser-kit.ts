import { strictEqual } from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));
/** Screenshots for people to look at (gitignored). */
export const ARTIFACTS = fileURLToPath(new URL('../../web/test-artifacts/', import.meta.url));

/** Debian's chromium (`.ci/run` installs it); never a browser downloaded by playwright. */
export function chromiumPath(): string | undefined {
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * For a browser suite's `before`: builds the web app when needed and launches Debian's chromium
 * headless, as `web-app.e2e.test.ts` does; without chromium the suite is skipped (outside CI) or
 * fails (in CI).
 */
export async function launchChromium(suite: Mocha.Context): Promise<Browser> {
  const executablePath = chromiumPath();
  if (executablePath === undefined) {
    if (process.env['CI'] !== undefined)
      throw new Error('chromium is not installed: .ci/run installs it with apt-get');
    console.log('    [skip] no chromium on this machine: apt-get install -y chromium');
    suite.skip();
  }
  const built = spawnSync(process.execPath, [`${WEB_DIR}build-if-needed.mjs`], {
    stdio: 'inherit',
  });
  strictEqual(built.status, 0, 'the web app builds');
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
