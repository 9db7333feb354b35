import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runHoga } from './testing/run-hoga.js';

/** The runtime file as the all-in-one writes it (tools/all-in-one/src/runtime-file.ts). */
const RUNTIME = {
  natsUrl: 'nats://127.0.0.1:4222',
  namespace: '',
  databaseUrl: 'postgres://hoga:s3cret-pw@127.0.0.1:5433/hoga',
  pid: 4242,
  startedAt: '2026-12-07T04:00:00.000Z',
  emulator: { url: 'http://127.0.0.1:8787', wsUrl: 'ws://127.0.0.1:8787', port: 8787 },
  ports: { postgres: 5433, nats: 4222, emulator: 8787 },
  dashboardUrl: 'http://127.0.0.1:8790/',
  metricsUrl: 'http://127.0.0.1:9464/metrics',
};

describe('hoga engine urls (the runtime file of npm start)', () => {
  let root: string;
  const env = (): NodeJS.ProcessEnv => ({ PATH: process.env['PATH'] ?? '' });
  const writeRuntime = async (runtime: unknown) =>
    writeFile(join(root, '.hoga', 'runtime.json'), JSON.stringify(runtime));

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'hoga-engine-urls-'));
    await mkdir(join(root, '.hoga'));
    await mkdir(join(root, 'sub'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('prints NATS, the dashboard, /metrics and /health/ready, the database password hidden', async () => {
    await writeRuntime(RUNTIME);
    const run = await runHoga(['engine', 'urls'], join(root, 'sub'), env());
    strictEqual(run.code, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    deepStrictEqual(lines.slice(1), [
      'nats       nats://127.0.0.1:4222',
      'dashboard  http://127.0.0.1:8790/',
      'metrics    http://127.0.0.1:9464/metrics',
      'health     http://127.0.0.1:9464/health/ready',
      'database   postgres://hoga:***@127.0.0.1:5433/hoga',
    ]);
    ok(lines[0]?.includes('pid 4242'), lines[0]);
    ok(!run.stdout.includes('s3cret'), 'no password');
  });

  it('--json gives the same URLs to a script', async () => {
    await writeRuntime(RUNTIME);
    const run = await runHoga(['engine', 'urls', '--json'], root, env());
    strictEqual(run.code, 0, run.stderr);
    const json = JSON.parse(run.stdout) as Record<string, unknown>;
    strictEqual(json['metricsUrl'], 'http://127.0.0.1:9464/metrics');
    strictEqual(json['healthUrl'], 'http://127.0.0.1:9464/health/ready');
    strictEqual(json['dashboardUrl'], 'http://127.0.0.1:8790/');
    strictEqual(json['databaseUrl'], 'postgres://hoga:***@127.0.0.1:5433/hoga');
  });

  it('says so for an engine whose file has no metricsUrl, and refuses a non-string one', async () => {
    const { metricsUrl: _, ...older } = RUNTIME;
    await writeRuntime(older);
    const run = await runHoga(['engine', 'urls'], root, env());
    strictEqual(run.code, 0, run.stderr);
    ok(run.stdout.includes('metrics    not served'), run.stdout);
    ok(!run.stdout.includes('health'), run.stdout);
    await writeRuntime({ ...RUNTIME, metricsUrl: 9464 });
    const bad = await runHoga(['engine', 'urls'], root, env());
    strictEqual(bad.code, 1);
    ok(bad.stderr.includes('runtime.json') && bad.stderr.includes('metricsUrl'), bad.stderr);
  });

  it('exits 3 with how to start the engine when there is no runtime file', async () => {
    const run = await runHoga(['engine', 'urls'], join(root, 'sub'), env());
    strictEqual(run.code, 3);
    ok(run.stderr.includes('npm start'), run.stderr);
  });
});
