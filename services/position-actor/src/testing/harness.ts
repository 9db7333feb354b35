import { ok } from 'node:assert/strict';
import type * as t from 'io-ts';
import type {
  ListPositionsReply,
  PositionActorStatusReply,
  PositionCommandReply,
  RunStrategyReply,
} from '@hoga/contracts';
import type { Bus, Subscription } from '@hoga/bus';
import {
  subjects,
  type OrderCommand,
  type OrderEvent,
  type PositionEvent,
  type PositionState,
} from '@hoga/contracts';
import type { EventStore } from '@hoga/event-store';
import type { Market, PositionId, Price } from '@hoga/model';
import { dec } from '@hoga/model';
import { createLogger, memorySink } from '@hoga/telemetry';
import { fromRecordedEvent, streamIdOf } from '../adapters/stored-position-event.js';
import { startService, type PositionActorOptions, type PositionActorService } from '../service.js';

type RunReply = t.TypeOf<typeof RunStrategyReply>;
type CommandReply = t.TypeOf<typeof PositionCommandReply>;
type ListReply = t.TypeOf<typeof ListPositionsReply>;

/** Polls `probe` every 10 ms until it returns a value other than undefined/false (bounded). */
export async function eventually<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A strategy that enters at once and takes profit at +3 % (stop-loss −5 %). */
export const IMMEDIATE_SPEC = {
  id: 'btc-tp',
  market: 'KRW-BTC',
  budgetKrw: '200000',
  entry: 'immediate',
  exit: { takeProfitPct: 3, stopLossPct: 5 },
};

const operator = (commandId: string) => ({ commandId, issuedBy: 'cli:test', reason: null });
const envelope = (id: string) => ({
  id,
  occurredAt: '2026-11-23T00:00:00.000Z',
  causationId: null,
  correlationId: id,
});

/** A running service plus what tests do around it: ops requests, market data, a fake executor. */
export class Harness {
  readonly commands: OrderCommand[] = [];
  readonly states: PositionState[] = [];
  readonly log = memorySink();
  service!: PositionActorService;
  #subs: Subscription[] = [];
  #seq = 0;

  constructor(
    readonly bus: Bus,
    readonly store: EventStore,
    private readonly consumer = 'test-executor',
  ) {}

  async start(snapshotEvery = 50, extra: Partial<PositionActorOptions> = {}): Promise<this> {
    const logger = createLogger({ service: 'position-actor', sinks: [this.log], level: 'debug' });
    this.service = await startService({
      bus: this.bus,
      store: this.store,
      logger,
      snapshotEvery,
      stateThrottleMs: 1000,
      ...extra,
    });
    if (this.#subs.length === 0)
      this.#subs = [
        await this.bus.consume(
          subjects.orderCmd(),
          { durable: this.consumer, ackWaitMs: 5000, maxDeliver: 3 },
          async (d) => {
            this.commands.push(d.data);
            await d.ack();
          },
        ),
        await this.bus.subscribe(subjects.positionState('*'), (d) => void this.states.push(d.data)),
      ];
    return this;
  }

  async stop(): Promise<void> {
    await this.service.stop();
  }

  async dispose(): Promise<void> {
    await this.stop();
    for (const s of this.#subs) await s.unsubscribe();
  }

  run(strategy: Record<string, unknown>, commandId = 'cmd-run-1'): Promise<RunReply> {
    return this.bus.request(subjects.ops('position-actor', 'run'), {
      ...envelope(`req-${commandId}`),
      type: 'RunStrategy',
      data: { strategy, ...operator(commandId) },
    });
  }

  command(
    verb: 'close' | 'pause' | 'resume' | 'retry-close' | 'dismiss',
    positionId: PositionId,
    commandId: string,
  ): Promise<CommandReply> {
    const type = (
      {
        close: 'ClosePosition',
        pause: 'PausePosition',
        resume: 'ResumePosition',
        'retry-close': 'RetryClose',
        dismiss: 'DismissPosition',
      } as const
    )[verb];
    return this.bus.request(subjects.ops('position-actor', verb), {
      ...envelope(`req-${commandId}`),
      type,
      data: { positionId, ...operator(commandId) },
    });
  }

  list(): Promise<ListReply> {
    return this.bus.request(subjects.ops('position-actor', 'list'), {
      ...envelope(`list-${++this.#seq}`),
      type: 'ListPositions',
      data: { statuses: null, market: null },
    });
  }

  /** `hoga.ops.position-actor.status`: the tick gate's counts. */
  async status(): Promise<PositionActorStatusReply> {
    return this.bus.request(subjects.ops('position-actor', 'status'), {
      ...envelope(`status-${++this.#seq}`),
      type: 'GetPositionActorStatus',
      data: {},
    });
  }

  async orderEvent(event: OrderEvent, msgId = event.id): Promise<void> {
    const route = subjects.orderEvtFor(event.data.positionId, this.service.partitions);
    await this.bus.publishDurable(route, event, { msgId });
  }

  /** Publishes a tick on `market`'s subject; `bodyMarket` names another market in its body. */
  async tick(price: string, market = 'KRW-BTC', bodyMarket = market): Promise<void> {
    const n = ++this.#seq;
    await this.bus.publish(subjects.mdTick(market as Market), {
      ...envelope(`tick-${n}-${Date.now()}`),
      type: 'Tick',
      data: {
        market: bodyMarket as Market,
        price: dec(price) as Price,
        volume: dec('0.01') as never,
        side: 'bid',
        tradeTimestamp: Date.parse('2026-11-23T00:01:00.000Z') + n,
        sequentialId: n,
        bestBid: null,
        bestAsk: null,
      },
    });
  }

  /** The stored events of a position, decoded. */
  async events(positionId: PositionId): Promise<PositionEvent[]> {
    return (await this.store.readStream(streamIdOf(positionId))).map(fromRecordedEvent);
  }
  async types(positionId: PositionId): Promise<string[]> {
    return (await this.events(positionId)).map((e) => e.type);
  }
  /** Waits until the position's stream holds an event of `type`. */
  async until(positionId: PositionId, type: string, timeoutMs = 5000): Promise<PositionEvent[]> {
    return eventually(
      async () => {
        const events = await this.events(positionId);
        return events.some((e) => e.type === type) && events;
      },
      `${type} on ${positionId}`,
      timeoutMs,
    );
  }
  /** Waits for the fake executor to have received the command with this message id. */
  command$(id: string, timeoutMs = 5000): Promise<OrderCommand> {
    return eventually(
      () => this.commands.find((c) => c.id === id),
      `order command ${id}`,
      timeoutMs,
    );
  }
}
