import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectNatsBus, serveOps, type Bus, type OpsServer } from '@hoga/bus';
import { parsePasswordHash, verifyPassword } from '@hoga/dashboard-gateway';
import { testNamespace, testNatsUrl } from '@hoga/testkit';
import { runHoga } from './testing/run-hoga.js';

const LINK = 'http://127.0.0.1:8790/login?code=0123456789abcdef0123456789abcdef';

describe('hoga dashboard url / hash-password', function () {
  this.timeout(30_000);
  const namespace = testNamespace('cli_dashboard');
  let natsUrl: string;
  let dir: string;
  let bus: Bus;
  let server: OpsServer;
  const asked: { user: string; role: string }[] = [];
  const env = (): NodeJS.ProcessEnv => ({ PATH: process.env['PATH'] ?? '' });
  const hoga = (...args: string[]) =>
    runHoga([...args, '--nats', natsUrl, '--namespace', namespace], dir, env());

  before(async () => {
    natsUrl = await testNatsUrl();
    dir = await mkdtemp(join(tmpdir(), 'hoga-cli-dashboard-'));
    bus = await connectNatsBus({ servers: natsUrl, namespace, name: 'cli-dashboard-test' });
    server = await serveOps(bus, 'dashboard-gateway', {
      'login-link': async (request) => {
        asked.push(request.data);
        return {
          ok: true as const,
          url: LINK,
          expiresAt: new Date(Date.now() + 5 * 60_000).toISOString(),
        };
      },
      status: async () => {
        throw new Error('not used');
      },
    });
  });
  beforeEach(() => void asked.splice(0));
  after(async () => {
    await server.stop();
    await bus.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('asks the gateway for an operator link for the CLI issuer and prints it alone on the first line', async () => {
    const run = await hoga('dashboard', 'url');
    strictEqual(run.code, 0, run.stderr);
    const [first, second] = run.stdout.split('\n');
    strictEqual(first, LINK);
    ok(second?.includes('(operator)') && second.includes('5 min'), second);
    strictEqual(asked.length, 1);
    strictEqual(asked[0]?.role, 'operator');
    ok(/^cli:.+@.+$/.test(asked[0].user), asked[0].user);
  });

  it('takes --role viewer and --user NAME, or --as NAME like the other commands', async () => {
    strictEqual(
      (await hoga('dashboard', 'url', '--role', 'viewer', '--user', 'dashboard:bob')).code,
      0,
    );
    strictEqual((await hoga('dashboard', 'url', '--as', 'alice')).code, 0);
    deepStrictEqual(asked, [
      { user: 'dashboard:bob', role: 'viewer' },
      { user: 'cli:alice', role: 'operator' },
    ]);
  });

  it('prints the reply as JSON with --json', async () => {
    const run = await hoga('dashboard', 'url', '--json');
    strictEqual(run.code, 0, run.stderr);
    const reply = JSON.parse(run.stdout) as { ok: boolean; url: string };
    deepStrictEqual([reply.ok, reply.url], [true, LINK]);
  });

  it('refuses an unknown role or an extra word (exit 2) without asking', async () => {
    const role = await hoga('dashboard', 'url', '--role', 'admin');
    strictEqual(role.code, 2);
    ok(role.stderr.includes('--role is operator or viewer'), role.stderr);
    strictEqual((await hoga('dashboard', 'url', 'now')).code, 2);
    strictEqual(asked.length, 0);
  });

  it('exits 3 when no gateway answers', async () => {
    const run = await runHoga(
      ['dashboard', 'url', '--nats', natsUrl, '--namespace', `${namespace}_none`],
      dir,
      env(),
    );
    strictEqual(run.code, 3);
    ok(run.stderr.includes('is dashboard-gateway running?'), run.stderr);
  });

  it('hashes a password from stdin into a line the gateway verifies', async () => {
    const run = await runHoga(['dashboard', 'hash-password'], dir, env(), 'correct horse\n');
    strictEqual(run.code, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    strictEqual(lines.length, 1);
    const hash = parsePasswordHash(lines[0] ?? '');
    if (typeof hash === 'string') throw new Error(hash);
    strictEqual(hash.N, 32768);
    strictEqual(await verifyPassword('correct horse', hash), true);
    strictEqual(await verifyPassword('correct horse\n', hash), false);
  });

  it('refuses an empty or oversized password (exit 2)', async () => {
    const empty = await runHoga(['dashboard', 'hash-password'], dir, env(), '\n');
    strictEqual(empty.code, 2);
    ok(empty.stderr.includes('empty'), empty.stderr);
    const huge = await runHoga(['dashboard', 'hash-password'], dir, env(), 'x'.repeat(2000));
    strictEqual(huge.code, 2);
    const file = await runHoga(['dashboard', 'hash-password'], dir, env(), 'x'.repeat(9000));
    strictEqual(file.code, 2);
    ok(file.stderr.includes('not a password'), file.stderr);
  });
});
