import { eventStreams, PositionEvent, type OrderEvent } from '@hoga/contracts';
import { newEventOf, type EventStore } from '@hoga/event-store';
import {
  dec,
  DEFAULT_FEE_RATE,
  type Krw,
  type Market,
  type PositionId,
  type Price,
  type StrategyId,
  type Volume,
} from '@hoga/model';
import {
  applyDecision,
  decide,
  orderIdFor,
  restore,
  type LivePosition,
  type OperatorVerb,
  type PositionInput,
  type StrategySpec,
} from '@hoga/position';

/**
 * Test support: one position driven through libs/position's real `decide` and machine (as the
 * actor runs them), with the order executor's events made up here; `appendTo` stores what it
 * decided since the last append in its stream, as the actor does.
 */
export class PositionScript {
  live: LivePosition = restore();
  readonly events: PositionEvent[] = [];
  #stored = 0;
  #seq = 0;

  constructor(
    readonly positionId: PositionId,
    readonly market: Market = 'KRW-BTC' as Market,
    /** The clock of the decisions (advanced 1 s per input). */
    public nowMs: number = Date.parse('2026-11-23T00:00:00.000Z'),
  ) {}

  get status() {
    return this.live.snapshot.status;
  }

  run(input: PositionInput): readonly PositionEvent[] {
    this.nowMs += 1000;
    const decision = decide(this.live, input, {
      now: new Date(this.nowMs).toISOString(),
      feeRate: DEFAULT_FEE_RATE,
    });
    this.live = applyDecision(this.live, decision);
    this.events.push(...decision.events);
    return decision.events;
  }

  #id(kind: string): string {
    this.#seq += 1;
    return `${this.positionId}-${kind}-${String(this.#seq)}`;
  }

  /** Runs a market-in, market-out strategy (budget 200,000 KRW; exits: TP 3 %, SL 5 % unless given). */
  open(
    budgetKrw = 200_000,
    price = 100_000_000,
    exit: StrategySpec['exit'] = { takeProfitPct: dec(3), stopLossPct: dec(5) },
  ): this {
    const spec: StrategySpec = {
      id: 'gw-test' as StrategyId,
      market: this.market,
      budgetKrw: dec(budgetKrw) as Krw,
      entry: 'immediate',
      exit,
      orders: { entry: 'market', exit: 'market' },
    };
    this.run({
      kind: 'start',
      id: this.#id('start'),
      positionId: this.positionId,
      spec,
      openedBy: 'cli:test',
      lastPrice: dec(price) as Price,
    });
    return this;
  }

  #order(event: Omit<OrderEvent, 'id' | 'occurredAt' | 'causationId' | 'correlationId'>): this {
    const full = {
      ...event,
      id: this.#id('order'),
      occurredAt: new Date(this.nowMs).toISOString(),
      causationId: null,
      correlationId: this.positionId,
    } as OrderEvent;
    this.run({ kind: 'order', id: full.id, event: full });
    return this;
  }

  /** One trade of the order of `leg` (attempt 1), then the order's end. */
  fill(leg: 'entry' | 'exit', volume: string, price: string): this {
    const orderId = orderIdFor(this.positionId, leg, 1);
    const funds = dec(volume).mul(price);
    this.#order({
      type: 'OrderFilled',
      data: {
        positionId: this.positionId,
        orderId,
        tradeUuid: this.#id('trade'),
        price: dec(price) as Price,
        volume: dec(volume) as Volume,
        funds: funds as Krw,
        fee: funds.mul(DEFAULT_FEE_RATE) as Krw,
        at: new Date(this.nowMs).toISOString(),
        exchangeOrderId: `ex-${orderId}`,
        market: this.market,
        side: leg === 'entry' ? 'bid' : 'ask',
      },
    });
    return this.#order({
      type: 'OrderCompleted',
      data: {
        positionId: this.positionId,
        orderId: orderId,
        exchangeOrderId: `ex-${orderId}`,
        state: leg === 'entry' ? 'cancel' : 'done',
        executedVolume: dec(volume) as Volume,
        executedFunds: funds as Krw,
        paidFee: funds.mul(DEFAULT_FEE_RATE) as Krw,
        tradesCount: 1,
      },
    });
  }

  /** A trade on the market at `price` (exits fire on it). */
  tick(price: number | string): this {
    this.run({ kind: 'tick', id: this.#id('tick'), price: dec(price) as Price, atMs: this.nowMs });
    return this;
  }

  command(verb: OperatorVerb, issuedBy = 'dashboard:alice'): this {
    this.run({
      kind: 'command',
      id: this.#id('msg'),
      verb,
      issued: { commandId: this.#id('cmd'), issuedBy, reason: null },
    });
    return this;
  }

  /** Entry filled at 100,000,000 KRW, take profit at 103,000,000: closed with a gain. */
  roundTrip(): this {
    return this.open()
      .fill('entry', '0.001999', '100000000')
      .tick(103_000_000)
      .fill('exit', '0.001999', '103000000');
  }

  /** Appends what was decided since the last append to the position's stream. */
  async appendTo(store: EventStore): Promise<void> {
    const fresh = this.events.slice(this.#stored);
    if (fresh.length === 0) return;
    await store.append(
      eventStreams.position(this.positionId),
      fresh.map((e) => newEventOf(PositionEvent.encode, e)),
      { expectedVersion: this.#stored },
    );
    this.#stored = this.events.length;
  }
}
