/**
 * The engine bench's world: position-actor started on an injected bus and store, driven from a
 * second bus (the "outside": a simulated market-feed publishing ticks, a simulated executor
 * answering PlaceOrder commands, an observer of `hoga.order.cmd`).
 */
import { performance } from 'node:perf_hooks';
import type { Bus, Subscription } from '@hoga/bus';
import {
  DEFAULT_PARTITION_COUNT,
  subjects,
  type OrderCommand,
  type OrderEvent,
} from '@hoga/contracts';
import { dec, DEFAULT_FEE_RATE, type Market, type PositionId } from '@hoga/model';

export const ENTRY_PRICE = 100_000_000;
export const MARKETS = Array.from({ length: 100 }, (_, i) => `KRW-C${i}` as Market);
const T0 = Date.parse('2026-11-23T00:00:00.000Z');

let seq = 0;
/** Every simulated message's time (a constant: formatting it per tick was a tenth of the feed's work). */
const OCCURRED_AT = new Date(T0).toISOString();
const envelope = (id: string) => ({
  id,
  occurredAt: OCCURRED_AT,
  causationId: null,
  correlationId: id,
});

/** A tick message as market-feed publishes it. */
export function tickMessage(market: Market, price: number) {
  seq += 1;
  return {
    ...envelope(`bench-tick-${seq}`),
    type: 'Tick' as const,
    data: {
      market,
      price: dec(price) as never,
      volume: dec('0.01') as never,
      side: 'bid' as const,
      tradeTimestamp: T0 + 60_000 + seq,
      sequentialId: seq,
      bestBid: null,
      bestAsk: null,
    },
  };
}

/** The strategy of position `i`: market `i % 100`, take-profit 5 + ⌊i / 100⌋ %, stop-loss 5 %. */
export const specOf = (i: number) => ({
  id: `bench-${i}`,
  market: MARKETS[i % 100]!,
  budgetKrw: '200000',
  entry: 'immediate',
  exit: { takeProfitPct: 5 + Math.floor(i / 100), stopLossPct: 5 },
});

/** A price that crosses the take-profit of rung `k` (5 + k %) but not of rung k + 1. */
export const takeProfitPrice = (k: number): number => ENTRY_PRICE * (1 + (5.5 + k) / 100);

/** When an exit PlaceOrder of a position was seen. */
export interface ExitSeen {
  /** Core subscription on `hoga.order.cmd` (the moment it was published). */
  core?: number;
  /** The simulated executor's durable work-queue consumer. */
  durable?: number;
}

/**
 * The outside of position-actor: answers entry PlaceOrders with accepted / filled / completed
 * (filled at 100,000,000), records when exit PlaceOrders are seen (not filled: positions stay
 * `exiting`), tracks position statuses from `hoga.position.state.*`.
 */
export class Outside {
  readonly statuses = new Map<string, string>();
  readonly exits = new Map<string, ExitSeen>();
  readonly waiters = new Map<string, () => void>();
  entriesAnswered = 0;
  #subs: Subscription[] = [];

  constructor(
    readonly bus: Bus,
    /** position-actor's partition count: the order events' subjects (ADR 0065). */
    readonly partitions = DEFAULT_PARTITION_COUNT,
  ) {}

  async start(): Promise<void> {
    this.#subs = [
      await this.bus.subscribe(subjects.orderCmd(), (d) => this.#seen(d.data, 'core')),
      await this.bus.consume(
        subjects.orderCmd(),
        { durable: 'bench-executor', ackWaitMs: 30_000, maxDeliver: 5 },
        async (d) => {
          const command = d.data;
          if (command.type === 'PlaceOrder' && command.data.side === 'bid')
            await this.#fillEntry(command);
          else this.#seen(command, 'durable');
          await d.ack();
        },
      ),
      await this.bus.subscribe(subjects.positionState('*'), (d) => {
        this.statuses.set(d.data.data.positionId, d.data.data.status);
      }),
    ];
  }

  async stop(): Promise<void> {
    for (const s of this.#subs) await s.unsubscribe();
    this.#subs = [];
  }

  count(status: string): number {
    let n = 0;
    for (const s of this.statuses.values()) if (s === status) n += 1;
    return n;
  }

  /** Resolves once both observers saw the exit PlaceOrder of `positionId`. */
  exitSeen(positionId: string): Promise<void> {
    const seen = this.exits.get(positionId);
    if (seen?.core !== undefined && seen.durable !== undefined) return Promise.resolve();
    return new Promise((resolve) => this.waiters.set(positionId, resolve));
  }

  #seen(command: OrderCommand, by: 'core' | 'durable'): void {
    if (command.type !== 'PlaceOrder' || command.data.side !== 'ask') return;
    const id = command.data.positionId;
    const seen = this.exits.get(id) ?? {};
    seen[by] ??= performance.now();
    this.exits.set(id, seen);
    if (seen.core !== undefined && seen.durable !== undefined) this.waiters.get(id)?.();
  }

  async #fillEntry(command: OrderCommand & { type: 'PlaceOrder' }): Promise<void> {
    const { positionId, orderId, market } = command.data;
    const total = command.data.totalKrw ?? dec(0);
    const volume = total.div(ENTRY_PRICE);
    const funds = volume.mul(ENTRY_PRICE);
    const fee = funds.mul(DEFAULT_FEE_RATE);
    const base = { positionId, orderId, exchangeOrderId: `ex-${orderId}` };
    const events: OrderEvent[] = [
      {
        ...envelope(`acc-${orderId}`),
        type: 'OrderAccepted',
        data: { ...base, identifier: orderId, via: 'response' },
      },
      {
        ...envelope(`fill-${orderId}`),
        type: 'OrderFilled',
        data: {
          ...base,
          tradeUuid: `t-${orderId}`,
          price: dec(ENTRY_PRICE) as never,
          volume: volume as never,
          funds: funds as never,
          fee: fee as never,
          at: new Date(T0).toISOString(),
          market,
          side: 'bid',
        },
      },
      {
        ...envelope(`done-${orderId}`),
        type: 'OrderCompleted',
        data: {
          ...base,
          state: 'done',
          executedVolume: volume as never,
          executedFunds: funds as never,
          paidFee: fee as never,
          tradesCount: 1,
        },
      },
    ];
    for (const event of events)
      await this.bus.publishDurable(subjects.orderEvtFor(positionId, this.partitions), event, {
        msgId: event.id,
      });
    this.entriesAnswered += 1;
  }
}

/** Asks position-actor to run `count` strategies (`concurrency` requests in flight). */
export async function runStrategies(
  bus: Bus,
  count: number,
  concurrency: number,
  offset = 0,
): Promise<PositionId[]> {
  const ids: PositionId[] = new Array<PositionId>(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const commandId = `bench-run-${offset}-${i}`;
      const reply = await bus.request(
        subjects.ops('position-actor', 'run'),
        {
          ...envelope(`req-${commandId}`),
          type: 'RunStrategy',
          data: { strategy: specOf(i), commandId, issuedBy: 'bench', reason: null },
        },
        { timeoutMs: 30_000 },
      );
      if (!reply.ok) throw new Error(`run ${i} refused: ${JSON.stringify(reply)}`);
      ids[i] = reply.positionId;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ids;
}

/** Polls `probe` every `everyMs` until true or `timeoutMs`; returns whether it became true. */
export async function waitFor(
  probe: () => boolean,
  timeoutMs: number,
  everyMs = 5,
): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!probe()) {
    if (performance.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return true;
}

/** Deterministic quiet ticks: a reflected random walk within ±1.5 % of the entry price. */
export function quietTicks(count: number): { market: Market; price: number }[] {
  let state = 42;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const prices = MARKETS.map(() => ENTRY_PRICE);
  return Array.from({ length: count }, (_, t) => {
    const m = t % MARKETS.length;
    let next = prices[m]! + Math.round((random() - 0.5) * 100) * 1000;
    if (next > ENTRY_PRICE * 1.015 || next < ENTRY_PRICE * 0.985) next = prices[m]!;
    prices[m] = next;
    return { market: MARKETS[m]!, price: next };
  });
}
