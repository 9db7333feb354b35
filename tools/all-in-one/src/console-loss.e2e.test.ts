import { equal, ok } from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dec } from '@hoga/model';
import { journalPathOf } from '@hoga/upbit-emulator';
import {
  accessKeyOf,
  emulatorAdmin,
  jumpUp,
  runEngine,
  runtimeOf,
  stopOrphans,
  type EngineProcess,
} from './testing/engine-process.js';

interface ExchangeOrder {
  identifier?: string;
  side: string;
  state: string;
  executed_volume: string;
}

const engineLog = (home: string): string => {
  const path = join(home, 'logs', 'engine.log');
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
};

async function waitFor(what: string, test: () => boolean | Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`no ${what} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Starts the engine, holds the price still and waits for the immediate demo to hold BTC. */
async function startHolding(home: string, running: EngineProcess[]) {
  const engine = runEngine(home);
  running.push(engine);
  await engine.until('started engine', (o) => o.includes('engine started'), 120_000);
  const url = runtimeOf(home).emulator!.url;
  await emulatorAdmin(url, 'pause', { method: 'POST' });
  await engine.until(
    'the immediate demo holding BTC',
    () =>
      [...engine.positions().values()].some((p) => p.market === 'KRW-BTC' && p.status === 'active'),
    120_000,
  );
  const position = [...engine.positions().values()].find(
    (p) => p.market === 'KRW-BTC' && p.status === 'active',
  )!;
  return { engine, url, position };
}

/** Trading goes on: the market moves up, the demo's exit order sells its coins. */
async function exitSells(home: string, url: string, positionId: string, volume: string) {
  const key = accessKeyOf(home);
  await emulatorAdmin(url, 'resume', { method: 'POST' });
  await waitFor(
    'the exit order filled at the exchange',
    async () => {
      jumpUp(url);
      const orders = await emulatorAdmin<ExchangeOrder[]>(
        url,
        `orders?accessKey=${encodeURIComponent(key)}`,
      );
      const sell = orders.find(
        (o) => o.identifier?.startsWith(positionId) === true && o.side === 'ask',
      );
      return sell?.state === 'done' && dec(sell.executed_volume).eq(volume);
    },
    120_000,
  );
}

/** What a clean stop leaves: no runtime.json, no lock, the account snapshot, an empty journal. */
function checkCleanStop(home: string, positionId?: string) {
  ok(!existsSync(join(home, 'runtime.json')), 'removes runtime.json');
  ok(!existsSync(join(home, 'engine.lock')), 'removes the lock');
  ok(engineLog(home).includes('engine stopped cleanly'), 'the file log records the clean stop');
  const snapshot = readFileSync(join(home, 'emulator-account.json'), 'utf8');
  equal(readFileSync(journalPathOf(join(home, 'emulator-account.json')), 'utf8'), '');
  if (positionId === undefined) return;
  ok(
    new RegExp(`"${positionId}[^"]*-x\\d+"`).test(snapshot),
    'the saved paper account has the exit order',
  );
}

describe('npm start: the engine does not die with its stdout (issue 15 item 6)', function () {
  this.timeout(420_000);
  let root: string;
  const homes: string[] = [];
  const running: EngineProcess[] = [];

  before(() => {
    // Running as root, PostgreSQL runs as `postgres`, which must reach <home>/pg.
    root = mkdtempSync(join(tmpdir(), 'hoga-console-loss-'));
    chmodSync(root, 0o755);
  });
  after(async () => {
    for (const e of running) if (e.child.exitCode === null) await e.stop();
    for (const home of homes) await stopOrphans(home);
    rmSync(root, { recursive: true, force: true });
  });

  it('the reader of its stdout exits: it keeps trading with the console off, then stops cleanly', async () => {
    const home = join(root, 'pipe');
    homes.push(home);
    const { engine, url, position } = await startHolding(home, running);
    engine.child.stdout!.destroy(); // `| tee log` with tee gone
    await exitSells(home, url, position.id, position.volume);
    await waitFor(
      'the console loss in the file log',
      () => engineLog(home).includes('stdout is gone (EPIPE)'),
      60_000,
    );
    equal(engine.child.exitCode, null, 'still running');
    equal(await engine.stop('SIGINT'), 0, engine.output());
    checkCleanStop(home, position.id);
  });

  it('Ctrl-C through a pipe (the reader dies with the same signal): it stops cleanly', async () => {
    const home = join(root, 'ctrl-c');
    homes.push(home);
    const engine = runEngine(home);
    running.push(engine);
    await engine.until('started engine', (o) => o.includes('engine started'), 120_000);
    engine.child.stdout!.destroy(); // tee got the same Ctrl-C
    engine.child.kill('SIGINT'); // the first write ("stopping...") meets the closed pipe
    equal(await engine.exited, 0, engine.output());
    checkCleanStop(home);
    ok(engineLog(home).includes('SIGINT: stopping'), 'the stop is in the file log');
  });

  it('SIGHUP (the terminal closed): it keeps trading, logs it, and stops cleanly later', async () => {
    const home = join(root, 'hangup');
    homes.push(home);
    const { engine, url, position } = await startHolding(home, running);
    engine.child.kill('SIGHUP');
    await waitFor('the hangup in the file log', () => engineLog(home).includes('SIGHUP'), 30_000);
    await exitSells(home, url, position.id, position.volume);
    await engine.until(
      'the position closed (the live view still writes to a pipe)',
      () => engine.positions().get(position.id)?.status === 'closed',
      60_000,
    );
    equal(engine.child.exitCode, null, 'still running');
    equal(await engine.stop('SIGTERM'), 0, engine.output());
    checkCleanStop(home, position.id);
  });
});
