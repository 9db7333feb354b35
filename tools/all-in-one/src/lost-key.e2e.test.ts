import { spawn, spawnSync } from 'node:child_process';
import { equal, ok } from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const MAIN = join(HERE, 'main.js');
const CLI = join(HERE, '..', '..', 'cli', 'dist', 'main.js');

interface Condition {
  readonly kind: string;
  readonly reason: string;
}
interface RiskStatus {
  readonly risk: { readonly state: string; readonly conditions?: readonly Condition[] };
}

/**
 * Issue 15 item 3 in the all-in-one (ADR 0028): `npm start`, then the paper account's key is
 * revoked through the emulator's knob; `hoga risk status` shows why entries cannot work while
 * the trading state stays ACTIVE, and the condition clears by itself once the key is restored.
 */
describe('npm start (all-in-one): a revoked exchange key', function () {
  this.timeout(240_000);
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'hoga-all-in-one-lost-key-'));
    chmodSync(root, 0o755);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('shows the reason in `hoga risk status` and clears it when the key works again', async () => {
    const home = join(root, 'home');
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, HOGA_HOME: home, NATS_URL: '', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    const until = async <T>(what: string, probe: () => T | undefined, ms: number): Promise<T> => {
      const deadline = Date.now() + ms;
      for (;;) {
        const value = probe();
        if (value !== undefined) return value;
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`no ${what} within ${ms} ms; output:\n${out.slice(-20_000)}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    };
    try {
      await until(
        'started engine',
        () => (out.includes('engine started') ? true : undefined),
        90_000,
      );
      const runtime = JSON.parse(readFileSync(join(home, 'runtime.json'), 'utf8')) as {
        natsUrl: string | null;
        emulator: { url: string };
      };
      ok(runtime.natsUrl, 'the engine runs nats-server (the CLI needs it)');
      const { accessKey } = JSON.parse(readFileSync(join(home, 'emulator.json'), 'utf8')) as {
        accessKey: string;
      };
      const hoga = (...args: string[]) =>
        spawnSync(process.execPath, [CLI, ...args, '--nats', runtime.natsUrl!], {
          encoding: 'utf8',
          env: { PATH: process.env['PATH'] ?? '' },
        });
      const status = (): RiskStatus | undefined => {
        const r = hoga('risk', 'status', '--json');
        return r.status === 0 ? (JSON.parse(r.stdout) as RiskStatus) : undefined;
      };
      const access = (s: RiskStatus | undefined) =>
        s?.risk.conditions?.find((c) => c.kind === 'exchange-access');
      const setKey = (body: object) =>
        fetch(`${runtime.emulator.url}/__admin/accounts/${accessKey}/access`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });

      await until('risk status', () => status(), 60_000);
      equal(access(status()), undefined, 'no condition while the key works');
      equal((await setKey({ key: 'revoked' })).status, 200);
      const lost = await until('the access condition', () => access(status()), 60_000);
      ok(lost.reason.includes('invalid_access_key'), lost.reason);
      equal(status()?.risk.state, 'ACTIVE', 'the trading state is not changed');
      const text = hoga('risk', 'status');
      ok(text.stdout.includes('EXCHANGE ACCESS'), text.stdout);

      equal((await setKey({ key: 'ok' })).status, 200);
      await until(
        'the condition cleared',
        () => {
          const s = status();
          return s !== undefined && access(s) === undefined ? true : undefined;
        },
        90_000,
      );
    } finally {
      child.kill('SIGINT');
      const code = await Promise.race([
        exited,
        new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000)),
      ]);
      if (code === 'timeout') child.kill('SIGKILL');
    }
  });
});
