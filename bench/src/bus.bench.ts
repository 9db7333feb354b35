/**
 * `npm run bench -- bus`: messages/s and p50/p99 latency of the bus, NATS (JetStream) and
 * in-process, for core publish/subscribe, request/reply and a durable JetStream consumer.
 * Throughput comes from a burst (requests and durable publishes 64 in flight); latency from
 * one-at-a-time round trips (publish to handler, or request to reply), so it is not queueing
 * time. Codecs run on both sides, as in production. `--scale=0.2` shrinks the counts;
 * `NATS_URL` (default nats://127.0.0.1:4222) picks the server; each run uses its own namespace
 * and deletes its streams afterwards.
 */
import {
  connectNatsBus,
  createInProcessBroker,
  createInProcessBus,
  removeNatsNamespace,
  type Bus,
  type BusLogger,
} from '@hoga/bus';
import { testNamespace } from '@hoga/testkit';
import {
  durableConsumer,
  publishSubscribe,
  requestReply,
  type BusPair,
  type Measurement,
} from './bus-scenarios.js';
import { percentile, printTable, writeResults, type Row } from './report.js';

interface Scenario {
  readonly name: string;
  readonly messages: number;
  readonly samples: number;
  readonly measure: (pair: BusPair, messages: number, samples: number) => Promise<Measurement>;
}

interface Contender {
  readonly name: string;
  /** Opens two buses that talk to each other, fresh for one scenario. */
  readonly pair: () => Promise<BusPair>;
  readonly cleanup: () => Promise<void>;
}

const scaleOf = (args: readonly string[]): number => {
  const arg = args.find((a) => a.startsWith('--scale='));
  const scale = arg ? Number(arg.slice('--scale='.length)) : 1;
  return Number.isFinite(scale) && scale > 0 ? scale : 1;
};

/** Counts what the bus complains about: a clean run has none. */
function countingLogger(): BusLogger & { readonly warnings: () => number } {
  let warnings = 0;
  return { warn: () => void (warnings += 1), warnings: () => warnings };
}

function inProcess(logger: BusLogger): Contender {
  return {
    name: 'in-process',
    pair: async () => {
      const broker = createInProcessBroker();
      return {
        a: createInProcessBus({ broker, logger }),
        b: createInProcessBus({ broker, logger }),
      };
    },
    cleanup: async () => undefined,
  };
}

function nats(servers: string, logger: BusLogger): Contender {
  const namespace = testNamespace('bench_bus');
  let round = 0;
  return {
    name: 'nats',
    // A namespace per scenario keeps each durable stream fresh.
    pair: async () => {
      const ns = `${namespace}.r${++round}`;
      return {
        a: await connectNatsBus({ servers, namespace: ns, name: 'bench-a', logger }),
        b: await connectNatsBus({ servers, namespace: ns, name: 'bench-b', logger }),
      };
    },
    cleanup: async () => {
      for (let r = 1; r <= round; r++)
        await removeNatsNamespace({ servers, namespace: `${namespace}.r${r}` });
    },
  };
}

async function measure(contender: Contender, scenario: Scenario, warmup: number): Promise<Row> {
  const pair = await contender.pair();
  const buses: Bus[] = [pair.a, pair.b];
  try {
    await scenario.measure(pair, warmup, 20);
  } finally {
    await Promise.all(buses.map((b) => b.close()));
  }
  const fresh = await contender.pair();
  try {
    const m = await scenario.measure(fresh, scenario.messages, scenario.samples);
    return {
      bus: contender.name,
      pattern: scenario.name,
      messages: m.messages,
      'msgs/s': Math.round(m.messages / (m.wallMs / 1000)),
      samples: m.latenciesMs.length,
      'p50 ms': percentile(m.latenciesMs, 50),
      'p99 ms': percentile(m.latenciesMs, 99),
    };
  } finally {
    await Promise.all([fresh.a.close(), fresh.b.close()]);
  }
}

/** Runs the benchmark (see the file comment). */
export async function run(args: string[]): Promise<void> {
  const scale = scaleOf(args);
  const n = (count: number) => Math.max(50, Math.round(count * scale));
  const scenarios: Scenario[] = [
    {
      name: 'publish/subscribe',
      messages: n(50_000),
      samples: n(2_000),
      measure: publishSubscribe,
    },
    { name: 'request/reply', messages: n(20_000), samples: n(2_000), measure: requestReply },
    { name: 'durable consumer', messages: n(10_000), samples: n(1_000), measure: durableConsumer },
  ];
  const servers = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
  const logger = countingLogger();
  const contenders = [nats(servers, logger), inProcess(logger)];
  const rows: Row[] = [];
  try {
    for (const contender of contenders) {
      for (const scenario of scenarios) rows.push(await measure(contender, scenario, n(500)));
    }
  } finally {
    for (const contender of contenders) await contender.cleanup();
  }
  if (logger.warnings() > 0)
    throw new Error(`the bus logged ${logger.warnings()} warnings during the run`);
  printTable('bus: throughput (burst) and latency (one at a time)', rows);
  const file = writeResults('bus', rows, {
    natsUrl: servers,
    scale,
    method:
      'msgs/s from a burst (requests and durable publishes 64 in flight); p50/p99 from sequential round trips; two connections per run; codecs on both sides; durable = work-queue stream, acks confirmed by the server',
  });
  console.log(`\nwrote ${file}`);
}
