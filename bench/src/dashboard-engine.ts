/**
 * The engine's side of `npm run bench -- dashboard`, in a child process (as the engine's services
 * are not the gateway's process): on its own NATS connection it publishes the account, every
 * position's state, then batches of states on `hoga.position.state.<id>`, and log lines through
 * the bus log sink (the LOGS stream, `hoga.log.<service>.<level>`). Talks to the parent over IPC
 * ({@link EngineCommand}, {@link EngineReport}).
 */
import { performance } from 'node:perf_hooks';
import { connectNatsBus, createBusLogSink, type Bus, type BusLogSink } from '@hoga/bus';
import { AccountState, subjects, type PositionState } from '@hoga/contracts';
import {
  decodeWith,
  krw,
  price,
  volume,
  type Market,
  type PositionId,
  type StrategyId,
} from '@hoga/model';
import { createLogger } from '@hoga/telemetry';

/** What the parent asks. */
export type EngineCommand =
  | {
      readonly op: 'connect';
      readonly servers: string;
      readonly namespace: string;
      readonly ids: readonly string[];
      readonly batch: number;
    }
  | { readonly op: 'start'; readonly batchesPerSecond: number }
  | { readonly op: 'stop' }
  | { readonly op: 'logs'; readonly lines: number; readonly perSecond: number }
  | { readonly op: 'close' };

/** What the child answers. */
export type EngineReport =
  | { readonly op: 'ready' }
  | { readonly op: 'started' }
  | {
      readonly op: 'stopped';
      readonly published: number;
      readonly failures: number;
      /** `<id>:<n>` and when it was published (Date.now()), since `start`. */
      readonly publishedAt: [string, number][];
      /** CPU milliseconds this process used since `start`. */
      readonly cpuMs: number;
    }
  | { readonly op: 'logged'; readonly sentAt: number[]; readonly dropped: number }
  | { readonly op: 'closed' }
  | { readonly op: 'failed'; readonly message: string };

/** Every position's entry price, and how far its price moves per update. */
export const ENTRY = 100_000_000;
export const TICK = 1_000;
/** Each position holds 0.001 BTC: its valuation (on screen) moves by 1 won a tick. */
export const VOLUME = 0.001;
/** When every position was entered (an hour before the run). */
const ENTERED_AT = new Date(
  Date.now() - 3_600_000,
).toISOString() as PositionState['data']['enteredAt'];
/** A position's state after its `n`-th update: its price moves by one tick per update. */
function stateOf(id: string, n: number): PositionState {
  const last = ENTRY + n * TICK;
  const peak = Math.max(ENTRY, last);
  const mid = `bench-${id}-${String(n)}`;
  return {
    id: mid,
    type: 'PositionState',
    occurredAt: new Date().toISOString(),
    causationId: null,
    correlationId: mid,
    data: {
      positionId: id as PositionId,
      strategyId: 'bench' as StrategyId,
      market: 'KRW-BTC' as Market,
      status: 'active',
      paused: false,
      volume: volume(String(VOLUME)),
      avgEntryPrice: price(String(ENTRY)),
      peakPrice: price(String(peak)),
      lastPrice: price(String(last)),
      unrealizedPnlKrw: krw(String((last - ENTRY) / 1000)),
      realizedPnlKrw: krw('0'),
      exitReason: null,
      enteredAt: ENTERED_AT,
      // a take-profit at +5 %, a stop-loss at -3 %, a trailing stop 2 % under the peak
      exitLevels: {
        takeProfit: price(String(ENTRY * 1.05)),
        stopLoss: price(String(ENTRY * 0.97)),
        trailingStop: price(String(Math.floor((peak * 0.98) / TICK) * TICK)),
        trailingArmsAt: price(String(ENTRY * 1.02)),
        timeLimitAt: null,
      },
      failure: null,
      version: n + 1,
    },
  };
}

/** The account holding the positions' coins and 300,000,000 KRW (the summary's figures). */
function accountState(positions: number): AccountState {
  const coins = positions * VOLUME;
  const decoded = decodeWith(AccountState, {
    id: 'AccountState-bench',
    type: 'AccountState',
    occurredAt: new Date().toISOString(),
    causationId: null,
    correlationId: 'AccountState-bench',
    data: {
      balances: [
        { currency: 'KRW', balance: '300000000', locked: '0', avgBuyPrice: '0' },
        { currency: 'BTC', balance: String(coins), locked: '0', avgBuyPrice: String(ENTRY) },
      ],
      totals: {
        availableKrw: '300000000',
        lockedKrw: '0',
        costBasisKrw: String(coins * ENTRY),
      },
    },
  });
  if (decoded._tag === 'Left') throw new Error(decoded.left.message);
  return decoded.right;
}

/**
 * Publishes `batchesPerSecond` batches a second (paced by the clock: a late timer catches up),
 * each `batch` states; batch j of a cycle holds the positions whose index ≡ j (mod cycle), so the
 * rows on screen change in different batches. Remembers when each (position, price) went out.
 */
class BatchPublisher {
  readonly #updates = new Map<string, number>();
  /** `<id>:<n>` (its n-th update) -> Date.now() just before its publish, since `start`. */
  publishedAt = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;
  #batches = 0;
  published = 0;
  failures = 0;
  readonly #cycle: string[][];

  constructor(
    private readonly bus: Bus,
    ids: readonly string[],
    batch: number,
  ) {
    const cycle = Math.max(1, Math.ceil(ids.length / batch));
    this.#cycle = Array.from({ length: cycle }, (_, j) => ids.filter((_, i) => i % cycle === j));
  }

  /** One state for each position (its first). */
  async publishAll(): Promise<void> {
    await Promise.all(this.#cycle.flat().map((id) => this.#publish(id, 0)));
  }

  start(batchesPerSecond: number): void {
    this.publishedAt = new Map();
    const from = performance.now();
    const base = this.#batches;
    this.#timer = setInterval(() => {
      const due = base + Math.floor(((performance.now() - from) / 1000) * batchesPerSecond) + 1;
      while (this.#batches < due) {
        const ids = this.#cycle[this.#batches % this.#cycle.length]!;
        this.#batches += 1;
        for (const id of ids) void this.#publish(id, (this.#updates.get(id) ?? 0) + 1);
      }
    }, 5);
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  #publish(id: string, n: number): Promise<void> {
    this.#updates.set(id, n);
    this.publishedAt.set(`${id}:${String(n)}`, Date.now());
    this.published += 1;
    return this.bus
      .publish(subjects.positionState(id as PositionId), stateOf(id, n))
      .catch(() => void (this.failures += 1));
  }
}

const LOG_SERVICES = ['position-actor', 'market-feed', 'order-executor', 'risk-guard'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let bus: Bus | undefined;
let sink: BusLogSink | undefined;
let publisher: BatchPublisher | undefined;
let ids: readonly string[] = [];
let cpuFrom = process.cpuUsage();

const send = (report: EngineReport): void => void process.send?.(report);

process.on('message', (command: EngineCommand) => {
  handle(command).then(send, (error: unknown) =>
    send({ op: 'failed', message: error instanceof Error ? error.message : String(error) }),
  );
});

async function handle(command: EngineCommand): Promise<EngineReport> {
  switch (command.op) {
    case 'connect': {
      const logger = createLogger({ service: 'bench-engine', level: 'error', sinks: [] });
      bus = await connectNatsBus({
        servers: command.servers,
        namespace: command.namespace,
        name: 'bench-engine',
        logger,
      });
      sink = createBusLogSink({
        service: 'bench-engine',
        report: () => undefined,
        maxQueued: 10_000,
        maxQueuedBytes: 16 << 20,
      });
      await sink.attach(bus);
      ids = command.ids;
      await bus.publish(subjects.accountState(), accountState(ids.length));
      publisher = new BatchPublisher(bus, ids, command.batch);
      await publisher.publishAll();
      return { op: 'ready' };
    }
    case 'start':
      cpuFrom = process.cpuUsage();
      publisher?.start(command.batchesPerSecond);
      return { op: 'started' };
    case 'stop': {
      if (publisher === undefined) throw new Error('not connected');
      publisher.stop();
      const used = process.cpuUsage(cpuFrom);
      return {
        op: 'stopped',
        published: publisher.published,
        failures: publisher.failures,
        publishedAt: [...publisher.publishedAt],
        cpuMs: (used.user + used.system) / 1000,
      };
    }
    case 'logs': {
      if (sink === undefined) throw new Error('not connected');
      const sentAt: number[] = [];
      const started = Date.now();
      for (let i = 0; i < command.lines; i += 1) {
        const due = started + (i * 1000) / command.perSecond;
        if (due > Date.now()) await sleep(due - Date.now());
        sentAt.push(Date.now());
        sink.write({
          time: new Date().toISOString(),
          service: LOG_SERVICES[i % LOG_SERVICES.length]!,
          level: i % 100 === 99 ? 'warn' : 'info',
          msg: `bench line ${String(i)}`,
          fields: i % 10 === 0 ? { positionId: ids[i % ids.length] } : {},
        });
      }
      return { op: 'logged', sentAt, dropped: sink.stats().dropped };
    }
    case 'close':
      publisher?.stop();
      await sink?.detach();
      await bus?.close();
      setTimeout(() => process.exit(0), 100);
      return { op: 'closed' };
  }
}
