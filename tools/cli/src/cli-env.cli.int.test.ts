import { connectNatsBus, serveOps, type Bus, type OpsServer } from '@hoga/bus';
import { createTestSchema, testNamespace, testNatsUrl } from '@hoga/testkit';
import { ok, strictEqual } from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeRiskGuard, type Received } from './testing/fake-services.js';
import { runHoga } from './testing/run-hoga.js';

describe("hoga reads the services' HOGA_* variables (flags override them)", () => {
  const namespace = testNamespace('cli_env');
  let natsUrl: string;
  let dir: string;
  let bus: Bus;
  let server: OpsServer;
  const received: Received[] = [];
  /** Only PATH and the variables given: no NATS_URL, no runtime file in a fresh directory. */
  const env = (vars: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    PATH: process.env['PATH'] ?? '',
    ...vars,
  });

  before(async () => {
    natsUrl = await testNatsUrl();
    dir = await mkdtemp(join(tmpdir(), 'hoga-cli-env-'));
    bus = await connectNatsBus({ servers: natsUrl, namespace, name: 'cli-env-test' });
    server = await serveOps(bus, 'risk-guard', fakeRiskGuard(received));
  });
  beforeEach(() => void received.splice(0));
  after(async () => {
    await server.stop();
    await bus.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('HOGA_NATS__URL and HOGA_NATS__NAMESPACE reach the engine without a flag', async () => {
    const run = await runHoga(
      ['risk', 'status', '--json'],
      dir,
      env({ HOGA_NATS__URL: natsUrl, HOGA_NATS__NAMESPACE: namespace }),
    );
    strictEqual(run.code, 0, run.stderr);
    strictEqual(received[0]?.verb, 'status');
  });

  it('HOGA_NATS__NAMESPACE applies to a URL from NATS_URL or --nats too', async () => {
    const fromNatsUrl = await runHoga(
      ['risk', 'status', '--json'],
      dir,
      env({ NATS_URL: natsUrl, HOGA_NATS__NAMESPACE: namespace }),
    );
    strictEqual(fromNatsUrl.code, 0, fromNatsUrl.stderr);
    const fromFlag = await runHoga(
      ['risk', 'status', '--json', '--nats', natsUrl],
      dir,
      env({ HOGA_NATS__NAMESPACE: namespace }),
    );
    strictEqual(fromFlag.code, 0, fromFlag.stderr);
    strictEqual(received.length, 2);
  });

  it('without the namespace the engine is not found: the variable is really read', async () => {
    const run = await runHoga(['risk', 'status'], dir, env({ HOGA_NATS__URL: natsUrl }));
    strictEqual(run.code, 3, run.stderr);
    ok(run.stderr.includes('no responders'), run.stderr);
  });

  it('a HOGA_NATS__URL that does not answer is named without its password (exit 3)', async () => {
    const run = await runHoga(
      ['positions'],
      dir,
      env({ HOGA_NATS__URL: 'nats://ops:s3cret@127.0.0.1:1' }),
    );
    strictEqual(run.code, 3, run.stderr);
    ok(
      run.stderr.includes(
        'cannot reach the engine at nats://ops:***@127.0.0.1:1 (from HOGA_NATS__URL)',
      ),
      run.stderr,
    );
    ok(!run.stderr.includes('s3cret'), run.stderr);
  });

  it('--nats and --namespace override the variables, even bad ones', async () => {
    const run = await runHoga(
      ['risk', 'status', '--json', '--nats', natsUrl, '--namespace', namespace],
      dir,
      env({ HOGA_NATS__URL: 'http://nowhere', HOGA_NATS__NAMESPACE: 'not this one' }),
    );
    strictEqual(run.code, 0, run.stderr);
    strictEqual(received.length, 1);
  });

  it('a bad HOGA_NATS__URL or HOGA_NATS__NAMESPACE is refused naming the variable (exit 2)', async () => {
    const badNamespace = await runHoga(
      ['risk', 'status'],
      dir,
      env({ HOGA_NATS__URL: natsUrl, HOGA_NATS__NAMESPACE: 'a.*' }),
    );
    strictEqual(badNamespace.code, 2);
    ok(
      badNamespace.stderr.startsWith('hoga: invalid environment: HOGA_NATS__NAMESPACE expected'),
      badNamespace.stderr,
    );
    const badUrl = await runHoga(
      ['positions'],
      dir,
      env({ HOGA_NATS__URL: 'http://127.0.0.1:4222' }),
    );
    strictEqual(badUrl.code, 2);
    ok(
      badUrl.stderr.startsWith('hoga: invalid environment: HOGA_NATS__URL expected NatsUrl'),
      badUrl.stderr,
    );
    strictEqual(received.length, 0);
  });

  it('HOGA_DATABASE__URL is the database of `hoga audit`, before DATABASE_URL; a bad one is refused unquoted', async () => {
    const empty = await createTestSchema('cli_env_db');
    try {
      const read = await runHoga(
        ['audit', 'all', '--schema', empty.schema],
        dir,
        env({
          HOGA_DATABASE__URL: empty.connectionString,
          DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test',
        }),
      );
      strictEqual(read.code, 2);
      // It reached this schema (an empty one is not hoga's) through the variable.
      ok(read.stderr.includes(`could not audit (not-hoga): schema "${empty.schema}"`), read.stderr);
      ok(read.stderr.includes('(from HOGA_DATABASE__URL)'), read.stderr);
    } finally {
      await empty.dispose();
    }
    const bad = await runHoga(
      ['audit', 'all'],
      dir,
      env({ HOGA_DATABASE__URL: 'mysql://root:s3cret@db/hoga' }),
    );
    strictEqual(bad.code, 2);
    ok(
      bad.stderr.startsWith('hoga: invalid environment: HOGA_DATABASE__URL expected DatabaseUrl'),
      bad.stderr,
    );
    ok(!bad.stderr.includes('s3cret'), bad.stderr);
    const overridden = await runHoga(
      ['audit', 'all', '--database', 'postgres://postgres@127.0.0.1:1/test'],
      dir,
      env({ HOGA_DATABASE__URL: 'mysql://root:s3cret@db/hoga' }),
    );
    ok(overridden.stderr.includes('cannot reach the database'), overridden.stderr);
  });
});
