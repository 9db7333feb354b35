import { equal, ok } from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { connectNatsBus, type Bus } from '@hoga/bus';
import { subjects, type Tick } from '@hoga/contracts';
import { testNamespace, testNatsUrl } from '@hoga/testkit';
import type { RunningEmulator } from '@hoga/upbit-emulator';
import { collect, type Collected } from './testing/collect.js';
import { eventually } from '@hoga/testkit';
import { startTestEmulator } from './testing/feed-world.js';
import { quietLogger } from './testing/quiet-logger.js';

const MAIN = fileURLToPath(new URL('./main.js', import.meta.url));

describe('node dist/main.js', () => {
  let emulator: RunningEmulator;
  let client: Bus;
  let feed: ChildProcess;
  let output = '';
  let ticks: Collected<Tick>;

  beforeEach(async () => {
    const servers = await testNatsUrl();
    const namespace = testNamespace('market_feed_e2e');
    emulator = await startTestEmulator();
    client = await connectNatsBus({ servers, namespace, logger: quietLogger() });
    ticks = await collect(client, subjects.mdTick('*'));
    feed = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env['PATH'],
        HOGA_MARKET_FEED__UPBIT__WS_URL: emulator.wsUrl,
        HOGA_MARKET_FEED__UPBIT__REST_URL: emulator.url,
        HOGA_MARKET_FEED__MARKETS: 'KRW-BTC',
        HOGA_NATS__URL: servers,
        HOGA_NATS__NAMESPACE: namespace,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    feed.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  });
  afterEach(async () => {
    if (feed.exitCode === null) feed.kill('SIGKILL');
    await client.close();
    await emulator.close();
  });

  it('streams ticks to NATS, and drains and exits 0 on SIGTERM', async () => {
    await eventually(() => ok(output.includes('market-feed: started'), output));
    await eventually(async () => {
      emulator.admin.step(1);
      await eventually(() => ok(ticks.items.length > 0), 200);
    });
    const exited = new Promise<number | null>((resolve) => feed.once('exit', resolve));
    feed.kill('SIGTERM');
    equal(await exited, 0);
    ok(output.includes('market-feed: stopped'), output);
  });
});
