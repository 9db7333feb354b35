import { deepEqual, equal, ok } from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEngine } from './testing/engine-process.js';

/** One run of `node dist/main.js` on a home; `positions()` = the last status of each. */
function run(home: string) {
  const engine = runEngine(home);
  return {
    ...engine,
    positions: () =>
      new Map([...engine.positions().values()].map((p) => [p.id, p.status] as const)),
  };
}

/**
 * The one-time link `npm start` prints logs an operator in: a 303 to `/` without the code, a
 * session cookie that opens `/api/session`; the same link a second time is refused.
 */
async function loginWithThePrintedLink(output: string, dashboardUrl: string): Promise<void> {
  const link = /login +(http:\/\/\S+\/login\?code=[0-9a-f]+)/.exec(output)?.[1];
  ok(link !== undefined, `prints a login link:\n${output}`);
  ok(link.startsWith(dashboardUrl));
  const login = await fetch(link, { redirect: 'manual' });
  equal(login.status, 303);
  equal(login.headers.get('location'), '/');
  const cookie = login.headers.get('set-cookie') ?? '';
  ok(/HttpOnly/i.test(cookie) && /SameSite=Strict/i.test(cookie), cookie);
  const session = await fetch(new URL('api/session', dashboardUrl), {
    headers: { cookie: cookie.split(';')[0] ?? '' },
  });
  equal(session.status, 200);
  equal(((await session.json()) as { role: string }).role, 'operator');
  equal((await fetch(link, { redirect: 'manual' })).status, 401, 'the link is single-use');
}

describe('npm start (all-in-one)', function () {
  this.timeout(180_000);
  let root: string;

  before(() => {
    // Running as root, PostgreSQL runs as `postgres`, which must reach <home>/pg.
    root = mkdtempSync(join(tmpdir(), 'hoga-all-in-one-'));
    chmodSync(root, 0o755);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('trades the demo, stops cleanly on SIGINT and resumes the same positions', async () => {
    const home = join(root, 'home');
    const first = run(home);
    await first.until('started engine', (o) => o.includes('engine started'), 90_000);
    ok(existsSync(join(home, 'runtime.json')), 'writes runtime.json');
    const runtime = JSON.parse(readFileSync(join(home, 'runtime.json'), 'utf8')) as {
      namespace: string;
      databaseUrl: string;
      dashboardUrl: string;
    };
    equal(runtime.namespace, '');
    ok(first.output().includes(`dashboard  ${runtime.dashboardUrl}`), 'prints the dashboard URL');
    equal(new URL(runtime.dashboardUrl).hostname, '127.0.0.1', 'bound to loopback');
    equal((await fetch(new URL('healthz', runtime.dashboardUrl))).status, 200);
    await loginWithThePrintedLink(first.output(), runtime.dashboardUrl);
    await first.until(
      'position active or closed',
      () => [...first.positions().values()].some((s) => s === 'active' || s === 'closed'),
      90_000,
    );
    const before = first.positions();
    equal(await first.stop(), 0, first.output());
    ok(first.output().includes('stopped cleanly'));
    ok(!existsSync(join(home, 'engine.lock')), 'removes the lock');
    ok(!existsSync(join(home, 'runtime.json')), 'removes runtime.json');

    const second = run(home);
    await second.until('restarted engine', (o) => o.includes('engine started'), 90_000);
    const out = second.output();
    ok(/rehydrated \d+/.test(out));
    ok(!out.includes(': started'), `no demo launched twice:\n${out}`);
    ok(!/PositionOpened/.test(out), 'no new position opened');
    deepEqual([...second.positions().keys()].sort(), [...before.keys()].sort());
    equal(await second.stop(), 0, second.output());
  });
});
