import { strictEqual } from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { GatewayHarness } from './gateway-harness.js';

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

/** A fresh Korean page (the dashboard's default language) whose thrown errors are printed. */
export async function openPage(
  browser: Browser,
  viewport: { width: number; height: number },
  timeoutMs: number,
): Promise<Page> {
  const context = await browser.newContext({ locale: 'ko-KR', viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);
  page.on('pageerror', (e) => console.log(`    [page error] ${e.message}`));
  return page;
}

/** Logs `page` in as an operator by a one-time code, as the link `npm start` prints does. */
export async function logIn(page: Page, harness: GatewayHarness, user: string): Promise<void> {
  const { code } = harness.gateway.context.loginCodes.issue(user, 'operator');
  await page.goto(new URL(`/login?code=${code}`, harness.gateway.url).href);
}
