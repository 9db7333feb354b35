import { connectNatsBus, serveOps, type Bus, type OpsServer } from '@hoga/bus';
import { testNamespace, testNatsUrl } from '@hoga/testkit';
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeOrderExecutor } from './testing/fake-order-executor.js';
import type { Received } from './testing/fake-services.js';
import { runHoga } from './testing/run-hoga.js';

describe('hoga account status|ack, executor status against a fake order-executor on NATS', () => {
  const namespace = testNamespace('cli_account');
  let natsUrl: string;
  let dir: string;
  let bus: Bus;
  let server: OpsServer;
  const received: Received[] = [];
  const hoga = (...args: string[]) =>
    runHoga([...args, '--nats', natsUrl, '--namespace', namespace], dir, {
      PATH: process.env['PATH'] ?? '',
    });

  before(async () => {
    natsUrl = await testNatsUrl();
    dir = await mkdtemp(join(tmpdir(), 'hoga-cli-account-'));
    bus = await connectNatsBus({ servers: natsUrl, namespace, name: 'cli-account-test' });
    server = await serveOps(bus, 'order-executor', fakeOrderExecutor(received));
  });
  beforeEach(() => void received.splice(0));
  after(async () => {
    await server.stop();
    await bus.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('status prints the findings, the foreign trades apart from hoga and the holdings', async () => {
    const run = await hoga('account', 'status');
    strictEqual(run.code, 0, run.stderr);
    for (const part of [
      '1 open finding(s)',
      'foreign-order:u-1',
      'bid limit 0.001 @ 95,000,000 KRW',
      'wait',
      '2026-12-06T19:00:00+09:00',
      "foreign trades (not hoga's PnL)",
      '190,000 KRW',
      'balance drift: halt',
    ])
      ok(run.stdout.includes(part), `${part} in\n${run.stdout}`);
    deepStrictEqual(received[0]?.data, { includeAcknowledged: false });
  });

  it('status all asks for acknowledged findings too; --json prints the reply', async () => {
    const run = await hoga('account', 'status', 'all', '--json');
    strictEqual(run.code, 0, run.stderr);
    deepStrictEqual(received[0]?.data, { includeAcknowledged: true });
    strictEqual((JSON.parse(run.stdout) as { openFindings: number }).openFindings, 1);
  });

  it('executor status prints the commands, the access and the settings; --json the reply', async () => {
    const run = await hoga('executor', 'status');
    strictEqual(run.code, 0, run.stderr);
    for (const part of [
      'taking order commands',
      'http://127.0.0.1:8787',
      'access          ok',
      'fee rate        0.0005',
      'at most 8 commands',
      'open positions  no cap',
      'at most 5,000,000 KRW',
      'order events for 16 position-actor partitions',
    ])
      ok(run.stdout.includes(part), `${part} in\n${run.stdout}`);
    strictEqual(received[0]?.verb, 'status');
    const json = await hoga('executor', 'status', '--json');
    strictEqual(json.code, 0, json.stderr);
    const reply = JSON.parse(json.stdout) as { settings: { maxExposurePerMarketKrw: string } };
    strictEqual(reply.settings.maxExposurePerMarketKrw, '5000000');
  });

  it('ack sends the finding, a command id, who and why', async () => {
    const run = await hoga(
      'account',
      'ack',
      'foreign-order:u-1',
      '--as',
      'alice',
      '--reason',
      'mine',
    );
    strictEqual(run.code, 0, run.stderr);
    ok(run.stdout.includes('acknowledged foreign-order:u-1 by cli:alice'), run.stdout);
    const data = received[0]?.data as { issuedBy: string; reason: string; commandId: string };
    deepStrictEqual([data.issuedBy, data.reason], ['cli:alice', 'mine']);
  });

  it('ack without a reason is a usage error (exit 2) and sends nothing; an unknown finding fails (exit 1)', async () => {
    const bare = await hoga('account', 'ack', 'foreign-order:u-1');
    strictEqual(bare.code, 2);
    strictEqual(received.length, 0);
    const missing = await hoga('account', 'ack', 'foreign-order:zz', '--reason', 'x');
    strictEqual(missing.code, 1);
    ok(missing.stderr.includes('not-found'), missing.stderr);
  });
});
