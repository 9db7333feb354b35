import { spawn } from 'node:child_process';
import { deepEqual, equal, ok } from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), 'main.js');
const POSITION = /^position (pos-[0-9a-f]+)\s+(\S+)\s+(\S+)/gm;

/** One run of `node dist/main.js` on a home, with its output. */
function run(home: string) {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, HOGA_HOME: home, NATS_URL: '', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  const until = async (what: string, test: (out: string) => boolean, ms: number) => {
    const deadline = Date.now() + ms;
    while (!test(out)) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`no ${what} within ${ms} ms; output:\n${out}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const positions = () => {
    const latest = new Map<string, string>();
    for (const m of out.matchAll(POSITION)) latest.set(m[1] ?? '', m[3] ?? '');
    return latest;
  };
  const stop = async () => {
    child.kill('SIGINT');
    const code = await Promise.race([
      exited,
      new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000)),
    ]);
    if (code === 'timeout') child.kill('SIGKILL');
    return code;
  };
  return { until, positions, stop, output: () => out };
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
    };
    equal(runtime.namespace, '');
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
