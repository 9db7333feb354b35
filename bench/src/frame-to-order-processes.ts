/**
 * The frame-to-order bench's distributed mode: risk-guard, market-feed, order-executor and
 * position-actor each as its own process (`node services/<name>/dist/main.js`, configured by
 * `HOGA_*` variables only), over NATS (a namespace of its own) and one PostgreSQL database; the
 * emulator stays in the bench's process. market-feed's process preloads the frame probe, which
 * reports each frame's arrival on stderr (`performance.timeOrigin + now()`, the clock the
 * emulator's arrival times use too).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { connectNatsBus, removeNatsNamespace } from '@hoga/bus';
import { testDatabaseUrl, testNamespace, testNatsUrl } from '@hoga/testkit';
import { framesInOutput, type FrameSeen } from './frame-probe.js';
import type { RunningEngine } from './frame-to-order-all-in-one.js';
import { createBenchDatabase } from './event-store-database.js';
import { KEYS, MARKETS, type Exchange } from './frame-to-order-world.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const PRELOAD = pathToFileURL(join(here, 'frame-probe-preload.js')).href;

type Service = 'risk-guard' | 'market-feed' | 'order-executor' | 'position-actor';
/** The log line that says each service is up (as the deploy-check e2e test waits for them). */
const READY: Record<Service, string> = {
  'risk-guard': 'risk-guard started',
  'market-feed': 'market-feed: started',
  'order-executor': 'order-executor taking commands',
  'position-actor': 'position-actor started',
};

/** One service process; its output kept (the tail), frame lines handed to `onFrames`. */
class ServiceProcess {
  output = '';
  readonly exited: Promise<void>;

  constructor(
    readonly service: Service,
    readonly child: ChildProcess,
    onFrames: (frames: FrameSeen[]) => void,
  ) {
    let partial = '';
    const keep = (chunk: Buffer) => {
      const text = partial + chunk.toString('utf8');
      const cut = text.lastIndexOf('\n');
      partial = text.slice(cut + 1);
      const lines = text.slice(0, cut + 1);
      const frames = framesInOutput(lines);
      if (frames.length > 0) onFrames(frames);
      else this.output = `${this.output}${lines}`.slice(-200_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  async ready(): Promise<void> {
    const deadline = Date.now() + 60_000;
    let gone = false;
    void this.exited.then(() => (gone = true));
    while (!this.output.includes(READY[this.service])) {
      if (gone || Date.now() > deadline)
        throw new Error(`${this.service} did not start:\n${this.output.slice(-5_000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** SIGTERM (the service drains), SIGKILL after 10 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}

export async function startProcesses(exchange: Exchange): Promise<RunningEngine> {
  const natsUrl = await testNatsUrl();
  const namespace = testNamespace('bench_f2o');
  const database = await createBenchDatabase(await testDatabaseUrl());
  const running: ServiceProcess[] = [];
  let frames: FrameSeen[] = [];
  const stop = async () => {
    for (const p of [...running].reverse()) await p.stop();
    await removeNatsNamespace({ servers: natsUrl, namespace }).catch(() => undefined);
    await database.drop().catch(() => undefined);
  };
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('HOGA_') && k !== 'DATABASE_URL' && k !== 'NATS_URL') base[k] = v;
  const common = {
    HOGA_NATS__URL: natsUrl,
    HOGA_NATS__NAMESPACE: namespace,
    HOGA_DATABASE__URL: database.url,
    HOGA_METRICS__PORT: '0',
  };
  const { emulator } = exchange;
  const own: Record<Service, Record<string, string>> = {
    'risk-guard': {},
    'market-feed': {
      HOGA_MARKET_FEED__MARKETS: MARKETS.join(','),
      HOGA_MARKET_FEED__UPBIT__WS_URL: emulator.wsUrl,
      HOGA_MARKET_FEED__UPBIT__REST_URL: emulator.url,
      HOGA_BENCH_FRAME_PROBE_URL: emulator.wsUrl,
    },
    'order-executor': {
      HOGA_UPBIT__BASE_URL: emulator.url,
      HOGA_UPBIT__WS_URL: emulator.privateWsUrl,
      HOGA_UPBIT__ACCESS_KEY: KEYS.accessKey,
      HOGA_UPBIT__SECRET_KEY: KEYS.secretKey,
      // as in the all-in-one mode: 1,000 entries paced at 12/s must not expire on the way
      HOGA_EXECUTOR__MAX_ENTRY_AGE_MS: '600000',
    },
    'position-actor': {},
  };
  try {
    for (const service of Object.keys(own) as Service[]) {
      const args = [
        '--enable-source-maps',
        ...(service === 'market-feed' ? ['--import', PRELOAD] : []),
        join(root, 'services', service, 'dist', 'main.js'),
      ];
      const child = spawn(process.execPath, args, {
        cwd: root,
        env: { ...base, ...common, ...own[service] },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const p = new ServiceProcess(service, child, (seen) => frames.push(...seen));
      running.push(p);
      await p.ready();
    }
    const bus = await connectNatsBus({ servers: natsUrl, namespace, name: 'bench-f2o' });
    return {
      bus,
      frames: {
        take() {
          const taken = frames;
          frames = [];
          return taken;
        },
      },
      problems: () =>
        running.flatMap((p) =>
          p.output
            .split('\n')
            .filter((l) => /"level":"(warn|error)"/.test(l))
            .map((l) => `${p.service}: ${l.slice(0, 300)}`)
            .slice(-10),
        ),
      async stop() {
        await bus.close();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
