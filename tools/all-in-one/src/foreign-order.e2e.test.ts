import { spawn, spawnSync } from 'node:child_process';
import { equal, ok } from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const MAIN = join(HERE, 'main.js');
const CLI = join(HERE, '..', '..', 'cli', 'dist', 'main.js');

interface Finding {
  readonly finding: { readonly findingId: string; readonly exchangeOrderId: string | null };
  readonly acknowledged: { readonly issuedBy: string; readonly reason: string } | null;
}
interface Status {
  readonly openFindings: number;
  readonly findings: readonly Finding[];
}

/**
 * Issue 15 item 2 in the all-in-one (ADR 0026): `npm start`, then a person places an order on the
 * paper account through the emulator's "another client" knob; `hoga account status` shows it
 * (and nothing of the demo's own orders), `hoga account ack` records who and why.
 */
describe('npm start (all-in-one): an order hoga did not place', function () {
  this.timeout(180_000);
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'hoga-all-in-one-foreign-'));
    chmodSync(root, 0o755);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('is found, shown by `hoga account status` and acknowledged by `hoga account ack`', async () => {
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
        await new Promise((r) => setTimeout(r, 300));
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

      const placed = await fetch(`${runtime.emulator.url}/__admin/accounts/${accessKey}/orders`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          market: 'KRW-BTC',
          side: 'bid',
          ord_type: 'limit',
          price: '10000000',
          volume: '0.001',
        }),
      });
      equal(placed.status, 200);
      const uuid = ((await placed.json()) as { uuid: string }).uuid;

      const status = (all = false): Status => {
        const r = hoga('account', 'status', ...(all ? ['all'] : []), '--json');
        equal(r.status, 0, r.stderr);
        return JSON.parse(r.stdout) as Status;
      };
      const found = await until(
        'the finding',
        () => {
          const s = status();
          return s.openFindings > 0 ? s : undefined;
        },
        60_000,
      );
      equal(found.openFindings, 1, "only the foreign order: the demo's orders are hoga's");
      equal(found.findings[0]?.finding.exchangeOrderId, uuid);
      const text = hoga('account', 'status');
      ok(text.stdout.includes(`foreign-order:${uuid}`), text.stdout);

      const ack = hoga(
        'account',
        'ack',
        `foreign-order:${uuid}`,
        '--as',
        'e2e',
        '--reason',
        'placed by hand',
      );
      equal(ack.status, 0, ack.stderr);
      equal(status().openFindings, 0);
      const acked = status(true).findings.find((f) => f.finding.exchangeOrderId === uuid);
      equal(acked?.acknowledged?.issuedBy, 'cli:e2e');
      equal(acked?.acknowledged?.reason, 'placed by hand');
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
