import type { Candle, PositionEvent, Tick } from '@hoga/contracts';
import { candleIntervalMs, subjects } from '@hoga/contracts';
import type { Market, PositionId, Price } from '@hoga/model';
import { tracingOn, type Logger } from '@hoga/telemetry';
import {
  DEFAULT_PRICE_SANITY,
  INTERVALS,
  TickGate,
  type Interval,
  type PriceSanitySettings,
} from '@hoga/position';
import type { Bus, Headers } from '@hoga/bus';
import { MarketFeeds } from './market-feeds.js';
import type { ActorInput, PositionActor, Received, TickArrival } from './position-actor.js';
import type { StatePublisher } from '../adapters/state-publisher.js';
import { remembersPriceOnly } from '../domain/price-memory.js';

/** What the host needs around its actors. */
export interface ActorHostDeps {
  readonly bus: Bus;
  readonly publisher: StatePublisher;
  readonly logger: Logger;
  /** Called when the set of markets held changes (renews the market watch lease). */
  readonly marketsChanged?: () => void;
  /** The price sanity rule of the tick path (default `DEFAULT_PRICE_SANITY`, ADR 0024). */
  readonly priceSanity?: PriceSanitySettings;
  /** Told when a tick led an actor to store an order request: its market and the ms it took. */
  readonly tickToOrder?: (market: Market, ms: number) => void;
}

const ORDER_REQUESTS: ReadonlySet<string> = new Set(['EntryOrderRequested', 'ExitOrderRequested']);

const isInterval = (i: string): i is Interval => (INTERVALS as readonly string[]).includes(i);

/**
 * A market with up to this many actors gets an input in one turn of the event loop (a few
 * actors hold it briefly, and a decision is not put behind other work).
 */
export const FAN_OUT_AT_ONCE = 16;

/**
 * Actors handed one market input per turn of the event loop in a market bigger than
 * {@link FAN_OUT_AT_ONCE}. Such a market never holds the loop for the whole fan-out: a risk
 * halt, a database answer or another service's message in the same process gets a turn between
 * slices. Each such message waits up to a slice (and the deliveries of its actors' states), and
 * the halt path waits about four times (ADR 0023 addendum 1): 4 actors keep that wait a fraction
 * of a millisecond, for a few µs per extra turn.
 */
export const FAN_OUT_SLICE = 4;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const marketOf = (a: PositionActor): Market | undefined => a.live.snapshot.context.info?.market;
const isClosed = (a: PositionActor): boolean => a.live.snapshot.status === 'closed';

/**
 * The actors of this instance: routes market data to the actors of a market, runs inputs
 * through them, publishes their state, and holds market subscriptions while a position of
 * the market is not closed. Closed actors stay in memory (for `list`) without subscriptions.
 */
export class ActorHost {
  readonly #actors = new Map<PositionId, PositionActor>();
  /** The actors receiving market data, by market: a tick reaches only its market's actors. */
  readonly #attached = new Map<Market, Set<PositionActor>>();
  readonly #lastPrice = new Map<Market, Price>();
  readonly #feeds: MarketFeeds;
  /** Fan-outs still handing an input to their slices. */
  readonly #fanOuts = new Set<Promise<void>>();
  /** The gate every tick passes before any actor sees it (counts shown by `status`). */
  readonly ticks: TickGate;

  constructor(private readonly deps: ActorHostDeps) {
    this.#feeds = new MarketFeeds(deps.bus, this);
    this.ticks = new TickGate(deps.priceSanity ?? DEFAULT_PRICE_SANITY);
  }

  get(positionId: PositionId): PositionActor | undefined {
    return this.#actors.get(positionId);
  }
  all(): PositionActor[] {
    return [...this.#actors.values()];
  }
  /** The last traded price seen on a market, if any. */
  lastPrice(market: Market): Price | null {
    return this.#lastPrice.get(market) ?? null;
  }

  /** Adds an actor (a new position, or one rehydrated) and subscribes its market data. */
  async adopt(actor: PositionActor): Promise<void> {
    this.#actors.set(actor.positionId, actor);
    await this.#attach(actor);
  }

  /**
   * Stops and forgets the actors whose id matches (a partition given up or lost): they take no
   * more input from this call on; their market data is released.
   */
  evict(which: (positionId: PositionId) => boolean): Promise<void> {
    const gone = this.all().filter((a) => which(a.positionId));
    for (const actor of gone) {
      actor.stop();
      this.#actors.delete(actor.positionId);
    }
    return Promise.all(gone.map((a) => this.#detach(a))).then(() => undefined);
  }

  /** Runs an input through an actor; publishes the state and re-wires market data after a change. */
  async submit(
    actor: PositionActor,
    input: ActorInput,
    via?: Received,
  ): Promise<readonly PositionEvent[]> {
    return this.#after(actor, input, actor.submit(input, via));
  }

  /** Once an input's events are stored: the state published, market data re-wired. */
  async #after(
    actor: PositionActor,
    input: ActorInput,
    decided: Promise<readonly PositionEvent[]>,
  ): Promise<readonly PositionEvent[]> {
    const events = await decided;
    // A raised peak stored is still only a price move: its state goes out with the marks.
    if (remembersPriceOnly(events) || (events.length === 0 && input.kind === 'tick')) {
      this.deps.publisher.ticked(actor.positionId, actor.live);
    } else if (events.length > 0) {
      await this.deps.publisher.changed(actor.positionId, actor.live);
      await (isClosed(actor) ? this.#detach(actor) : this.#attach(actor));
    }
    return events;
  }

  /**
   * A tick from the subject of `subjectMarket`: through the tick gate (market of the subject, tick
   * grid, price sanity), then to the market's actors with its price confirmed. A tick the gate
   * stops reaches no actor and is not the market's last price.
   */
  onTick(tick: Tick, subjectMarket: Market, headers: Headers = {}): void {
    const verdict = this.ticks.judge(subjectMarket, tick.data, () =>
      this.#fillPrices(subjectMarket),
    );
    if (!verdict.deliver) return this.#stopped(subjectMarket, tick, verdict.why);
    const { price, tradeTimestamp } = tick.data;
    this.#lastPrice.set(subjectMarket, price);
    const input = {
      kind: 'tick',
      id: tick.id,
      price,
      atMs: tradeTimestamp,
      priceConfirmed: true,
    } as const;
    // Traced ticks take the queued path in a span (only they name their subject: a route per
    // tick would cost the untraced path).
    if (tracingOn()) {
      const via = { subject: subjects.mdTick(subjectMarket).subject, headers };
      return this.#each(subjectMarket, (a) =>
        this.#timed(subjectMarket, this.submit(a, input, via)),
      );
    }
    this.#each(subjectMarket, (a) => this.#tick(a, input, subjectMarket));
  }

  /**
   * An untraced tick to one actor: decided at once when the actor is idle (`tickNow`); a tick that
   * changes nothing then costs no promise and no queue entry (its state is published later, by
   * the publisher's flush).
   */
  #tick(actor: PositionActor, input: TickArrival, market: Market): Promise<unknown> | undefined {
    const pending = actor.tickNow(input);
    if (pending !== null) return this.#timed(market, this.#after(actor, input, pending));
    this.deps.publisher.ticked(actor.positionId, actor.live);
    return undefined;
  }

  /** Reports the tick → order time of a tick whose events requested an order (metrics on). */
  #timed(
    market: Market,
    decided: Promise<readonly PositionEvent[]>,
  ): Promise<readonly PositionEvent[]> {
    const timed = this.deps.tickToOrder;
    // Metrics off: no clock read, no extra promise (ADR 0056's near-zero cost).
    if (timed === undefined) return decided;
    const arrived = performance.now();
    return decided.then((events) => {
      if (events.some((e) => ORDER_REQUESTS.has(e.type)))
        timed(market, performance.now() - arrived);
      return events;
    });
  }

  /** A closed candle from its subject: through the tick gate's candle check, then to the actors. */
  onCandle(candle: Candle, subjectMarket: Market, subjectInterval: Interval): void {
    const c = candle.data;
    if (!c.closed || !isInterval(c.interval)) return;
    const refused = this.ticks.judgeCandle(subjectMarket, subjectInterval, c);
    if (refused !== null) {
      const n = this.ticks.candleCounts.rejected[refused];
      if (n === 1 || n % 1000 === 0)
        this.deps.logger.warn('candle stopped at the tick gate', {
          market: subjectMarket,
          interval: subjectInterval,
          why: refused,
          close: c.close.toString().slice(0, 64),
          count: n,
        });
      return;
    }
    const startMs = Date.parse(c.openTime);
    const atMs = startMs + candleIntervalMs(c.interval);
    const input = {
      kind: 'candle',
      id: candle.id,
      interval: c.interval,
      startMs,
      close: c.close,
      atMs,
    } as const;
    this.#each(subjectMarket, (a) => this.submit(a, input));
  }

  /** Markets whose ticks are subscribed now. */
  markets(): string[] {
    return this.#feeds.markets();
  }

  /** Unsubscribes all market data (actors stay in memory). */
  async close(): Promise<void> {
    await this.idle();
    this.#attached.clear();
    await this.#feeds.close();
  }

  /** Waits until every input has reached its actors and every actor has processed it. */
  async idle(): Promise<void> {
    while (this.#fanOuts.size > 0) await Promise.all([...this.#fanOuts]);
    await Promise.all(this.all().map((a) => a.idle()));
  }

  /** The prices the exchange executed this instance's positions on the market at (the gate's seed). */
  #fillPrices(market: Market): Price[] {
    const prices: Price[] = [];
    for (const a of this.#attached.get(market) ?? []) {
      const p = a.live.snapshot.context.lastTradePrice;
      if (p !== null) prices.push(p);
    }
    return prices;
  }

  /** Logs a stopped tick: the first of each reason, then every 1,000th (the counts are exact). */
  #stopped(market: Market, tick: Tick, why: string): void {
    const c = this.ticks.counts;
    const n =
      why === 'held'
        ? c.held.outlier + c.held['no-reference']
        : c.rejected[why as keyof typeof c.rejected];
    if (n === 1 || n % 1000 === 0)
      this.deps.logger.warn('tick stopped at the tick gate', {
        market,
        why,
        tickId: tick.id.slice(0, 200),
        bodyMarket: tick.data.market.slice(0, 32),
        price: tick.data.price.toString().slice(0, 64),
        count: n,
      });
  }

  /**
   * Hands an input to every actor of the market: at once up to {@link FAN_OUT_AT_ONCE} actors,
   * else {@link FAN_OUT_SLICE} per turn of the loop.
   */
  #each(market: Market, run: (a: PositionActor) => Promise<unknown> | undefined): void {
    const attached = this.#attached.get(market);
    if (attached === undefined) return;
    const failed = (actor: PositionActor, error: unknown) =>
      this.deps.logger.error('position input failed', { positionId: actor.positionId, error });
    const hand = (actor: PositionActor) => {
      try {
        void run(actor)?.catch((error: unknown) => failed(actor, error));
      } catch (error) {
        failed(actor, error);
      }
    };
    if (attached.size <= FAN_OUT_AT_ONCE) return attached.forEach(hand);
    const actors = [...attached];
    actors.slice(0, FAN_OUT_SLICE).forEach(hand);
    const rest = (async () => {
      for (let from = FAN_OUT_SLICE; from < actors.length; from += FAN_OUT_SLICE) {
        await nextTurn();
        actors.slice(from, from + FAN_OUT_SLICE).forEach(hand);
      }
    })();
    this.#fanOuts.add(rest);
    void rest.finally(() => this.#fanOuts.delete(rest));
  }

  async #attach(actor: PositionActor): Promise<void> {
    const market = marketOf(actor);
    if (market === undefined || isClosed(actor)) return;
    const actors = this.#attached.get(market) ?? new Set<PositionActor>();
    if (actors.has(actor)) return;
    this.#attached.set(market, actors.add(actor));
    const before = this.#feeds.markets().length;
    await this.#feeds.acquire(market, actor.intervals());
    if (this.#feeds.markets().length !== before) this.deps.marketsChanged?.();
  }

  async #detach(actor: PositionActor): Promise<void> {
    const market = marketOf(actor);
    const actors = market === undefined ? undefined : this.#attached.get(market);
    if (market === undefined || actors === undefined || !actors.delete(actor)) return;
    if (actors.size === 0) {
      this.#attached.delete(market);
      this.ticks.forget(market);
    }
    await this.#feeds.release(market, actor.intervals());
  }
}
