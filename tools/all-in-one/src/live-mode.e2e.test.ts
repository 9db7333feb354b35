import { spawn } from 'node:child_process';
import { equal, ok } from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import { connectNatsBus, opsRequest, requestOps, type Bus } from '@hoga/bus';
import { encodeStrategySpec, parseStrategyFile } from '@hoga/position';
import { startEmulator, type RunningEmulator } from '@hoga/upbit-emulator';

const HERE = dirname(fileURLToPath(import.meta.url));
const MAIN = join(HERE, 'main.js');
const IMMEDIATE = join(HERE, '..', '..', '..', 'examples', 'strategies', 'immediate-demo.yaml');
const ACCESS = 'live-test-access-key';
const SECRET = 'live-test-secret-key-do-not-print';

/** One run of `node dist/main.js` with `env` on top of the test's environment. */
function run(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, NATS_URL: '', DATABASE_URL: '', HOGA_PORTS: 'any', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  const within = <A>(p: Promise<A>, ms: number) =>
    Promise.race([p, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms))]);
  const until = async (what: string, test: (out: string) => boolean, ms: number) => {
    const deadline = Date.now() + ms;
    while (!test(out)) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`no ${what} within ${ms} ms; output:\n${out}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const stop = async () => {
    if (child.exitCode !== null) return child.exitCode;
    child.kill('SIGINT');
    const code = await within(exited, 30_000);
    if (code === 'timeout') child.kill('SIGKILL');
    return code;
  };
  return { until, stop, exited: (ms: number) => within(exited, ms), output: () => out };
}

async function eventually(what: string, test: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`no ${what} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('all-in-one live mode (HOGA_EXCHANGE=upbit)', function () {
  this.timeout(180_000);
  let root: string;
  let upbit: RunningEmulator;
  let liveEnv: (keyFile: string) => NodeJS.ProcessEnv;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'hoga-live-'));
    chmodSync(root, 0o755); // as root, PostgreSQL runs as `postgres`, which must reach <home>/pg
    // "Upbit": an emulator of the test's own, with known keys.
    upbit = await startEmulator({
      seed: `live-${Date.now()}`,
      markets: [{ market: 'KRW-BTC' }, { market: 'KRW-ETH' }],
      accounts: [{ accessKey: ACCESS, secretKey: SECRET, balances: { KRW: '1000000' } }],
      tickIntervalMs: 1000,
    });
    liveEnv = (keyFile) => ({
      HOGA_EXCHANGE: 'upbit',
      HOGA_UPBIT__BASE_URL: upbit.url,
      HOGA_UPBIT__WS_URL: upbit.wsUrl,
      HOGA_UPBIT__PRIVATE_WS_URL: upbit.privateWsUrl,
      HOGA_UPBIT__KEY_FILE: keyFile,
      HOGA_UPBIT__ACCESS_KEY: '',
      HOGA_UPBIT__SECRET_KEY: '',
    });
  });
  after(async () => {
    await upbit.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('refuses a key file readable by others, without printing the secret', async () => {
    const keyFile = join(root, 'keys-0644.json');
    writeFileSync(keyFile, JSON.stringify({ accessKey: ACCESS, secretKey: SECRET }));
    chmodSync(keyFile, 0o644);
    const engine = run({ ...liveEnv(keyFile), HOGA_HOME: join(root, 'refused') });
    const code = await engine.exited(30_000);
    const out = engine.output();
    ok(code !== 'timeout' && code !== 0, `non-zero exit, got ${String(code)}:\n${out}`);
    ok(out.includes('HOGA_UPBIT__KEY_FILE'), out);
    ok(out.includes('0644'), out);
    ok(!out.includes(SECRET), 'the secret is not printed');
    equal(upbit.admin.orders().length, 0);
  });

  it('refuses an unknown HOGA_EXCHANGE', async () => {
    const engine = run({ HOGA_EXCHANGE: 'binance', HOGA_HOME: join(root, 'unknown') });
    const code = await engine.exited(30_000);
    ok(code !== 'timeout' && code !== 0, engine.output());
    ok(engine.output().includes("HOGA_EXCHANGE must be 'emulator' (default) or 'upbit'"));
  });

  it('trades on the given Upbit: no emulator, no demo, a strategy run places its entry', async () => {
    const keyFile = join(root, 'keys-0600.json');
    writeFileSync(keyFile, JSON.stringify({ accessKey: ACCESS, secretKey: SECRET }), {
      mode: 0o600,
    });
    chmodSync(keyFile, 0o600);
    const home = join(root, 'live');
    const engine = run({ ...liveEnv(keyFile), HOGA_HOME: home });
    let bus: Bus | undefined;
    try {
      await engine.until('started engine', (o) => o.includes('engine started'), 120_000);
      const out = engine.output();
      ok(out.includes(`Upbit LIVE ${upbit.url} (real orders)`), out);
      ok(out.includes('npm run hoga -- strategy run FILE'), out);
      ok(!out.includes(SECRET), 'the secret is not printed');
      const runtime = JSON.parse(readFileSync(join(home, 'runtime.json'), 'utf8')) as {
        natsUrl: string | null;
        emulator?: unknown;
      };
      ok(runtime.emulator === undefined || runtime.emulator === null, 'no emulator in runtime');
      ok(runtime.natsUrl !== null, 'the engine runs on nats-server (needed to reach it)');
      bus = await connectNatsBus({ servers: runtime.natsUrl, namespace: '', name: 'live-test' });

      const list = E.getOrElseW(() => {
        throw new Error('list request');
      })(opsRequest('position-actor', 'list', { statuses: null, market: null }));
      const listed = await requestOps(bus, 'position-actor', 'list', list, { timeoutMs: 10_000 });
      ok(listed.ok, JSON.stringify(listed));
      equal(listed.positions.length, 0, 'no demo position in live mode');
      equal(upbit.admin.orders().length, 0, 'no order before a strategy runs');

      const spec = parseStrategyFile(readFileSync(IMMEDIATE, 'utf8'));
      if (E.isLeft(spec)) throw new Error(spec.left.message);
      const request = opsRequest('position-actor', 'run', {
        strategy: encodeStrategySpec(spec.right),
        commandId: 'live-test:immediate',
        issuedBy: 'live-mode.e2e',
        reason: 'live mode e2e',
      });
      if (E.isLeft(request)) throw new Error(request.left.message);
      const reply = await requestOps(bus, 'position-actor', 'run', request.right, {
        timeoutMs: 10_000,
      });
      ok(reply.ok, JSON.stringify(reply));
      await eventually('entry order on Upbit', () => upbit.admin.orders().length > 0, 60_000);
      await new Promise((r) => setTimeout(r, 1000)); // no second entry slips in
      // The demo leaves on +1 %: on a busy machine the simulated price may reach it within that
      // second, so an exit (a sell) may follow — never a second buy.
      const orders = upbit.admin.orders();
      const buys = orders.filter((o) => o['side'] === 'bid');
      equal(buys.length, 1, JSON.stringify(orders));
      equal(buys[0]?.['market'], 'KRW-BTC');
      equal(orders[0]?.['side'], 'bid', 'the entry comes first');
      ok(
        orders.every(
          (o) => o['market'] === 'KRW-BTC' && (o['side'] === 'bid' || o['side'] === 'ask'),
        ),
        JSON.stringify(orders),
      );
      ok(orders.length <= 2, JSON.stringify(orders));
    } finally {
      await bus?.close();
      const code = await engine.stop();
      equal(code, 0, engine.output());
    }
    ok(!engine.output().includes(SECRET), 'the secret is not printed');
  });
});
