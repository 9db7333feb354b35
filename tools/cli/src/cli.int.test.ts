import { connectNatsBus, serveOps, type Bus, type OpsServer } from '@hoga/bus';
import { testNamespace, testNatsUrl } from '@hoga/testkit';
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  fakePositionActor,
  fakeRiskGuard,
  sampleLeader,
  type Received,
} from './testing/fake-services.js';
import { runHoga } from './testing/run-hoga.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const VALID_YAML = `id: demo-immediate-btc
market: KRW-BTC
budgetKrw: '10000'
entry: immediate
exit: { takeProfitPct: 1, stopLossPct: 2 }
orders: { entry: market, exit: market }
`;

describe('hoga CLI against fake services on NATS', () => {
  const namespace = testNamespace('cli');
  let natsUrl: string;
  let dir: string;
  let bus: Bus;
  let servers: OpsServer[];
  const received: Received[] = [];
  /** A clean environment: no NATS_URL, so only flags or the runtime file locate the engine. */
  const env = (): NodeJS.ProcessEnv => ({ PATH: process.env['PATH'] ?? '' });
  const hoga = (...args: string[]) =>
    runHoga([...args, '--nats', natsUrl, '--namespace', namespace], dir, env());

  before(async () => {
    natsUrl = await testNatsUrl();
    dir = await mkdtemp(join(tmpdir(), 'hoga-cli-'));
    bus = await connectNatsBus({ servers: natsUrl, namespace, name: 'cli-test' });
    servers = [
      await serveOps(bus, 'position-actor', fakePositionActor(received)),
      await serveOps(bus, 'risk-guard', fakeRiskGuard(received)),
    ];
  });
  beforeEach(() => void received.splice(0));
  after(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await bus.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs a valid strategy file: position-actor gets the spec, a commandId and the issuer', async () => {
    await writeFile(join(dir, 'demo.yaml'), VALID_YAML);
    const run = await hoga('strategy', 'run', 'demo.yaml', '--as', 'tester', '--reason', 'demo');
    strictEqual(run.code, 0, run.stderr);
    ok(run.stdout.includes('pos-42'), run.stdout);
    const [call] = received;
    strictEqual(call?.verb, 'run');
    const data = call.data as { strategy: Record<string, unknown>; commandId: string };
    strictEqual(data.strategy['id'], 'demo-immediate-btc');
    strictEqual(data.strategy['market'], 'KRW-BTC');
    ok(UUID.test(data.commandId), data.commandId);
    deepStrictEqual(
      {
        issuedBy: (call.data as { issuedBy: string }).issuedBy,
        reason: (call.data as { reason: string }).reason,
      },
      { issuedBy: 'cli:tester', reason: 'demo' },
    );
  });

  it('refuses an invalid strategy file with field paths, sending nothing', async () => {
    await writeFile(
      join(dir, 'bad.yaml'),
      VALID_YAML.replace('stopLossPct: 2', 'stopLossPct: -2').replace("'10000'", "'10'"),
    );
    const run = await hoga('strategy', 'run', 'bad.yaml');
    strictEqual(run.code, 1);
    ok(run.stderr.includes('exit.stopLossPct'), run.stderr);
    ok(run.stderr.includes('budgetKrw'), run.stderr);
    strictEqual(received.length, 0);
  });

  it('prints positions as JSON that parses, and as a table', async () => {
    const json = await hoga('positions', '--json');
    strictEqual(json.code, 0, json.stderr);
    const reply = JSON.parse(json.stdout) as {
      ok: boolean;
      positions: { positionId: string; volume: string }[];
    };
    deepStrictEqual(
      [reply.ok, reply.positions[0]?.positionId, reply.positions[0]?.volume],
      [true, 'pos-1', '0.0001'],
    );
    const table = await hoga('positions');
    const [header, row] = table.stdout.split('\n');
    ok(
      header?.startsWith('ID') && header.includes('AVG ENTRY') && header.includes('UNREALIZED'),
      header,
    );
    ok(row?.startsWith('pos-1') && row.includes('95,000,000 KRW') && row.includes('45 KRW'), row);
  });

  for (const verb of ['close', 'pause', 'resume', 'retry-close', 'dismiss']) {
    it(`position ${verb}: one request with the id, reason, a fresh commandId and the os issuer`, async () => {
      const run = await hoga('position', verb, 'pos-9', '--reason', 'operator test');
      strictEqual(run.code, 0, run.stderr);
      ok(run.stdout.includes(`${verb} accepted for position pos-9`), run.stdout);
      strictEqual(received.length, 1);
      const data = received[0]?.data as Record<string, string>;
      deepStrictEqual(
        [received[0]?.verb, data['positionId'], data['reason']],
        [verb, 'pos-9', 'operator test'],
      );
      ok(UUID.test(data['commandId'] ?? ''));
      ok(/^cli:.+@.+$/.test(data['issuedBy'] ?? ''), data['issuedBy']);
    });
  }

  it('exits 1 with the code and message of an error reply', async () => {
    const run = await hoga('position', 'close', 'pos-missing');
    strictEqual(run.code, 1);
    ok(run.stderr.includes('not-found: no position pos-missing'), run.stderr);
  });

  it('exits 2 on a malformed position id or a missing --reason, sending nothing', async () => {
    strictEqual((await hoga('position', 'close', 'not an id!')).code, 2);
    strictEqual((await hoga('risk', 'halt')).code, 2);
    strictEqual((await hoga('position', 'explode', 'pos-1')).code, 2);
    strictEqual(received.length, 0);
  });

  it('reports risk status and changes the trading state with a reason', async () => {
    const status = await hoga('risk', 'status');
    strictEqual(status.code, 0, status.stderr);
    ok(status.stdout.startsWith('TRADING') && status.stdout.includes('ACTIVE'), status.stdout);
    ok(/equity\s+10,000,000 KRW/.test(status.stdout), status.stdout);
    ok(status.stdout.includes('incident over'), status.stdout);
    ok(
      /^leader\s+rg-b:4242 \(since 2026-11-23T09:58:30\.000Z\)$/m.test(status.stdout),
      status.stdout,
    );
    const json = await hoga('risk', 'status', '--json');
    strictEqual(json.code, 0, json.stderr);
    const parsed = JSON.parse(json.stdout) as Record<string, unknown>;
    strictEqual(parsed['equityKrw'], '10000000');
    deepStrictEqual(parsed['leader'], sampleLeader);
    deepStrictEqual(parsed['lastTransitions'], [
      {
        from: 'HALTED',
        to: 'ACTIVE',
        by: 'cli:alice@desk',
        reason: 'incident over',
        at: '2026-11-23T10:00:00.000Z',
      },
    ]);
    const halt = await hoga('risk', 'halt', '--reason', 'drill');
    strictEqual(halt.code, 0, halt.stderr);
    ok(halt.stdout.includes('trading state: HALTED'));
    strictEqual((received[2]?.data as { reason: string }).reason, 'drill');
  });

  it('shows the tick gates; a feed that does not answer is one line, the rest still shows', async () => {
    const run = await hoga('ticks', 'status');
    strictEqual(run.code, 0, run.stderr);
    const lines = run.stdout.split('\n').map((l) => l.replace(/\s+/g, ' ').trim());
    ok(
      lines.some((l) => l.startsWith('market-feed: ')),
      run.stdout,
    );
    ok(lines.includes('POSITION-ACTOR fake'), run.stdout);
    ok(lines.includes('rejected: off-tick-grid 0'), run.stdout);
  });

  it('says which service is missing when nobody answers (exit 3)', async () => {
    const run = await runHoga(
      ['risk', 'status', '--nats', natsUrl, '--namespace', `${namespace}_empty`],
      dir,
      env(),
    );
    strictEqual(run.code, 3);
    ok(
      run.stderr.includes('no responders') && run.stderr.includes('is risk-guard running?'),
      run.stderr,
    );
  });

  it('explains how to reach the engine when it cannot (exit 3)', async () => {
    const refused = await runHoga(['positions', '--nats', 'nats://127.0.0.1:1'], dir, env());
    strictEqual(refused.code, 3);
    ok(refused.stderr.includes('cannot reach the engine at nats://127.0.0.1:1'), refused.stderr);
    const nowhere = await runHoga(['positions'], dir, env());
    strictEqual(nowhere.code, 3);
    ok(nowhere.stderr.includes('npm start') && nowhere.stderr.includes('--nats'), nowhere.stderr);
  });

  it('finds the engine through .hoga/runtime.json in a parent directory', async () => {
    const root = await mkdtemp(join(tmpdir(), 'hoga-runtime-'));
    await mkdir(join(root, '.hoga'));
    await mkdir(join(root, 'sub'));
    const runtime = {
      natsUrl,
      namespace,
      databaseUrl: 'postgres://localhost/hoga',
      pid: process.pid,
    };
    await writeFile(join(root, '.hoga', 'runtime.json'), JSON.stringify(runtime));
    const run = await runHoga(['positions', '--json'], join(root, 'sub'), env());
    await rm(root, { recursive: true, force: true });
    strictEqual(run.code, 0, run.stderr);
    strictEqual(received[0]?.verb, 'list');
  });
});
