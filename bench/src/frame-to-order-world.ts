/**
 * The frame-to-order bench's world: the bundled Upbit emulator with 100 markets (no price timer:
 * prices move only when the bench trades a market), an account for the executor, the strategies
 * of 1,000 positions (10 per market, take-profit rungs 2 … 11 %), and what the emulator saw
 * (`POST /v1/orders` arrivals, timed by its `onRequest` option).
 */
import { performance } from 'node:perf_hooks';
import type { Bus } from '@hoga/bus';
import { subjects } from '@hoga/contracts';
import type { Market, PositionId } from '@hoga/model';
import { startEmulator, type RunningEmulator } from '@hoga/upbit-emulator';
import { waitFor } from './engine-world.js';

export const POSITIONS = 1000;
export const MARKETS = Array.from({ length: 100 }, (_, i) => `KRW-C${i}` as Market);
export const START_PRICE = 100_000_000;
export const KEYS = { accessKey: 'bench-f2o-access', secretKey: 'bench-f2o-secret-0123456789' };

/**
 * The strategy of position `i`: market `i % 100`, 10,000 KRW at market, take-profit
 * 2 + ⌊i / 100⌋ % (rung ⌊i / 100⌋), stop-loss 5 % (never reached: prices only go up).
 */
export const specOf = (i: number) => ({
  id: `bench-f2o-${i}`,
  market: MARKETS[i % 100]!,
  budgetKrw: '10000',
  entry: 'immediate',
  exit: { takeProfitPct: 2 + Math.floor(i / 100), stopLossPct: 5 },
});

/**
 * A trade price that crosses the take-profit of rung `k` (entries fill at the synthetic book's
 * best ask, one tick above 100,000,000) and not that of rung k + 1: 102,500,000 for k = 0. On
 * the KRW tick grid, within the price sanity band (±10 %) of the earlier trades.
 */
export const crossingPrice = (k: number): number => START_PRICE + (25 + 10 * k) * 100_000;

/** One `POST /v1/orders` as it reached the emulator. */
export interface OrderArrival {
  readonly atMs: number;
}

/** The running emulator and the order POSTs it saw, in arrival order. */
export interface Exchange {
  readonly emulator: RunningEmulator;
  readonly arrivals: readonly OrderArrival[];
  /** `GET /v1/accounts` requests so far (the executor's balance reads). */
  accountReads(): number;
  /** The arrival number `n` (0-based) once it came, or undefined after `timeoutMs`. */
  arrival(n: number, timeoutMs: number): Promise<OrderArrival | undefined>;
}

/**
 * Starts the emulator on loopback: 100 markets at 100,000,000 with a deep, still book, no price
 * timer, no rate limits of its own (the executor's client still paces orders at Upbit's 12/s),
 * 1,000,000,000 KRW on the bench's account.
 */
export async function startExchange(): Promise<Exchange> {
  const arrivals: OrderArrival[] = [];
  let wake: (() => void) | undefined;
  let accountReads = 0;
  const emulator = await startEmulator({
    host: '127.0.0.1',
    port: 0,
    seed: `bench-f2o-${Date.now()}`,
    markets: MARKETS.map((market) => ({
      market,
      startPrice: String(START_PRICE),
      volatility: 0,
      jumpProbability: 0,
      book: { levelKrw: '10000000000' },
    })),
    accounts: [{ ...KEYS, balances: { KRW: '1000000000' } }],
    tickIntervalMs: 0,
    historyMinutes: 30,
    rateLimits: { enabled: false },
    onRequest: (a) => {
      if (a.method === 'GET' && a.path === '/v1/accounts') accountReads += 1;
      if (a.method !== 'POST' || a.path !== '/v1/orders') return;
      arrivals.push({ atMs: a.atMs });
      wake?.();
    },
  });
  const arrival = async (n: number, timeoutMs: number) => {
    if (arrivals[n] !== undefined) return arrivals[n];
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, timeoutMs);
    });
    clearTimeout(timer);
    wake = undefined;
    return arrivals[n];
  };
  return { emulator, arrivals, arrival, accountReads: () => accountReads };
}

const envelope = (id: string) => ({
  id,
  occurredAt: new Date().toISOString(),
  causationId: null,
  correlationId: id,
});

/** Asks position-actor to run the strategies `from` … `to - 1` (`concurrency` requests in flight). */
export async function runStrategies(
  bus: Bus,
  from: number,
  to: number,
  concurrency: number,
  ids: PositionId[],
): Promise<void> {
  let next = from;
  const worker = async () => {
    for (let i = next++; i < to; i = next++) {
      const commandId = `bench-f2o-run-${Date.now()}-${i}`;
      const request = () =>
        bus.request(
          subjects.ops('position-actor', 'run'),
          {
            ...envelope(`req-${commandId}`),
            type: 'RunStrategy',
            data: { strategy: specOf(i), commandId, issuedBy: 'bench', reason: null },
          },
          { timeoutMs: 30_000 },
        );
      let reply = await request();
      // a process that has not leased the position's partition yet answers `unavailable`
      for (let tries = 0; !reply.ok && reply.error.code === 'unavailable' && tries < 300; tries++) {
        await new Promise((r) => setTimeout(r, 200));
        reply = await request();
      }
      if (!reply.ok) throw new Error(`run ${i} refused: ${JSON.stringify(reply)}`);
      ids[i] = reply.positionId;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * Every position's last published status (`hoga.position.state.*`), and when each exit
 * `PlaceOrder` was published on `hoga.order.cmd` (a core subscription of the bench:
 * `performance.timeOrigin + now()`), to split the measure at the bus.
 */
export class Statuses {
  readonly #status = new Map<string, string>();
  readonly exitCommandAt = new Map<string, number>();
  #unsubscribe: (() => Promise<void>) | undefined;

  async watch(bus: Bus): Promise<void> {
    const states = await bus.subscribe(subjects.positionState('*'), (d) => {
      this.#status.set(d.data.data.positionId, d.data.data.status);
    });
    const commands = await bus.subscribe(subjects.orderCmd(), (d) => {
      const c = d.data;
      if (c.type === 'PlaceOrder' && c.data.side === 'ask')
        this.exitCommandAt.set(c.data.positionId, performance.timeOrigin + performance.now());
    });
    this.#unsubscribe = async () => {
      await states.unsubscribe();
      await commands.unsubscribe();
    };
  }

  of(id: string): string | undefined {
    return this.#status.get(id);
  }

  count(status: string): number {
    let n = 0;
    for (const s of this.#status.values()) if (s === status) n += 1;
    return n;
  }

  stop(): Promise<void> {
    return this.#unsubscribe?.() ?? Promise.resolve();
  }
}

/**
 * Makes the 1,000 positions active: runs the strategies 100 at a time (one per market) and waits
 * until each batch is active (entries go out one at a time, paced at 12/s by the client).
 */
export async function populate(
  bus: Bus,
  statuses: Statuses,
  log: (line: string) => void,
): Promise<{ ids: PositionId[]; ms: number }> {
  const began = performance.now();
  const ids: PositionId[] = new Array<PositionId>(POSITIONS);
  for (let from = 0; from < POSITIONS; from += MARKETS.length) {
    await runStrategies(bus, from, from + MARKETS.length, 8, ids);
    const active = await waitFor(
      () => statuses.count('active') >= from + MARKETS.length,
      120_000,
      20,
    );
    if (!active)
      throw new Error(
        `only ${statuses.count('active')} of ${from + MARKETS.length} positions became active`,
      );
    log(
      `${from + MARKETS.length} positions active (${Math.round((performance.now() - began) / 1000)} s)`,
    );
  }
  return { ids, ms: performance.now() - began };
}
