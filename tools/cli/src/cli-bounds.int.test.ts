import { connectNatsBus, serveOps, type Bus, type OpsServer } from '@hoga/bus';
import { coreRoute, envelope } from '@hoga/contracts';
import { testNamespace, testNatsUrl } from '@hoga/testkit';
import * as t from 'io-ts';
import { ok, strictEqual } from 'node:assert/strict';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_ISSUES_PRINTED } from './commands/strategy-run.command.js';
import { fakePositionActor, fakeRiskGuard, type Received } from './testing/fake-services.js';
import { runHoga } from './testing/run-hoga.js';

/** A heap below what reading a 50 MB file as text takes (the old CLI peaked at 1.8 GB). */
const SMALL_HEAP = '--max-old-space-size=40';

describe('hoga CLI bounds: oversized files, capped errors, dead letters', function () {
  this.timeout(30_000);
  const namespace = testNamespace('cli_bounds');
  let natsUrl: string;
  let dir: string;
  let bus: Bus;
  let servers: OpsServer[];
  const received: Received[] = [];
  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    PATH: process.env['PATH'] ?? '',
    ...extra,
  });
  const hoga = (args: string[], extra?: NodeJS.ProcessEnv) =>
    runHoga([...args, '--nats', natsUrl, '--namespace', namespace], dir, env(extra));

  before(async () => {
    natsUrl = await testNatsUrl();
    dir = await mkdtemp(join(tmpdir(), 'hoga-cli-bounds-'));
    bus = await connectNatsBus({
      servers: natsUrl,
      namespace,
      name: 'risk-guard',
      logger: { warn: () => undefined },
    });
    servers = [
      await serveOps(bus, 'position-actor', fakePositionActor(received)),
      await serveOps(bus, 'risk-guard', fakeRiskGuard(received)),
    ];
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await bus.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a 50 MB strategy file by its size, before reading it, sending nothing', async () => {
    const path = join(dir, 'huge.yaml');
    const file = await open(path, 'w');
    await file.truncate(50 * 1024 * 1024); // sparse: 50 MB of zeros, no disk written
    await file.close();
    const run = await hoga(['strategy', 'run', 'huge.yaml'], { NODE_OPTIONS: SMALL_HEAP });
    strictEqual(run.code, 2, run.stderr);
    ok(
      run.stderr.includes('huge.yaml is 52428800 bytes, over the limit of 262144 bytes'),
      run.stderr,
    );
    ok(run.stderr.includes('HOGA_CLI_MAX_STRATEGY_BYTES'), run.stderr);
    ok(run.stderr.length < 1_000);
    strictEqual(received.length, 0);
  });

  it('takes its cap from HOGA_CLI_MAX_STRATEGY_BYTES, and refuses a bad value', async () => {
    await writeFile(join(dir, 'small.yaml'), 'id: x\n'.repeat(100));
    const capped = await hoga(['strategy', 'run', 'small.yaml'], {
      HOGA_CLI_MAX_STRATEGY_BYTES: '100',
    });
    strictEqual(capped.code, 2);
    ok(capped.stderr.includes('over the limit of 100 bytes'), capped.stderr);
    const bad = await hoga(['strategy', 'run', 'small.yaml'], {
      HOGA_CLI_MAX_STRATEGY_BYTES: 'lots',
    });
    strictEqual(bad.code, 2);
    ok(bad.stderr.includes('must be a positive number of bytes'), bad.stderr);
  });

  it('prints at most a few issues of a file with thousands, and counts the rest', async () => {
    const conditions = Array.from({ length: 3000 }, (_, i) => ({ indicator: `bogus${i}` }));
    const spec = {
      id: 'many-errors',
      market: 'KRW-BTC',
      budgetKrw: '10000',
      entry: { all: conditions },
      exit: { takeProfitPct: 1, stopLossPct: 2 },
    };
    await writeFile(join(dir, 'many.json'), JSON.stringify(spec));
    const run = await hoga(['strategy', 'run', 'many.json']);
    strictEqual(run.code, 1, run.stderr);
    const lines = run.stderr.trim().split('\n');
    ok(lines.length <= MAX_ISSUES_PRINTED + 3, `${lines.length} lines`);
    ok(/… and \d+ more issues/.test(run.stderr), run.stderr);
    ok(run.stderr.length < 20_000, `${run.stderr.length} characters`);
    strictEqual(received.length, 0);
  });

  it('lists the dead letters kept, after the fact, as a table and as JSON', async () => {
    const Strict = envelope('Strict', t.strict({ n: t.number }));
    const subject = `cli.bounds.${Date.now()}`;
    await bus.subscribe(coreRoute(subject, Strict), () => undefined);
    // What no Strict decoder accepts, published as it is.
    await bus.publish(coreRoute(subject, t.unknown), { huge: 'z'.repeat(5000) });

    let table = await hoga(['deadletters']);
    for (let i = 0; i < 100 && !table.stdout.includes(subject); i += 1)
      table = await hoga(['deadletters']);
    strictEqual(table.code, 0, table.stderr);
    const row = table.stdout.split('\n').find((l) => l.includes(subject));
    ok(
      row !== undefined && row.includes('undecodable') && row.includes('risk-guard'),
      table.stdout,
    );
    ok(row.length < 400, 'one bounded line per letter');

    const json = await hoga(['deadletters', 'risk-guard', `${subject}`, '--json']);
    strictEqual(json.code, 0, json.stderr);
    const reply = JSON.parse(json.stdout) as {
      letters: { subject: string; payloadBytes: number; preview: string }[];
    };
    strictEqual(reply.letters.length, 1);
    strictEqual(reply.letters[0]?.subject, subject);
    strictEqual(reply.letters[0]?.payloadBytes, 5011);
    ok(reply.letters[0]?.preview.includes('…[cut '));

    const unknown = await hoga(['deadletters', 'nobody']);
    strictEqual(unknown.code, 2);
  });
});
