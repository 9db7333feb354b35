import type { PositionEvent } from '@hoga/contracts';
import { isVersionConflictError } from '@hoga/event-store';
import {
  dbAttributes,
  inKeptSpan,
  inProcessSpan,
  inSpan,
  tracingOn,
  type TraceHeaders,
} from '@hoga/telemetry';
import type { PositionId, Price } from '@hoga/model';
import {
  applyDecision,
  decide,
  restore,
  type DecideContext,
  type Decision,
  type Interval,
  type LivePosition,
  type PositionInput,
} from '@hoga/position';
import { ActorQueue } from './actor-queue.js';
import type { HistoryWarmUp } from './history-warm-up.js';
import type { PositionStream } from './position-stream.js';
import { StrategyConditions } from '../domain/strategy-conditions.js';

/** A trade on the position's market, before the conditions are evaluated. */
export interface TickArrival {
  readonly kind: 'tick';
  readonly id: string;
  readonly price: Price;
  readonly atMs: number;
  /** The host's tick gate vouches for the price (see `TickInput.priceConfirmed`). */
  readonly priceConfirmed?: boolean;
}
/** A closed candle of an interval the conditions use. */
export interface CandleArrival {
  readonly kind: 'candle';
  readonly id: string;
  readonly interval: Interval;
  readonly startMs: number;
  readonly close: Price;
  readonly atMs: number;
}
/** What an actor is fed: market data (conditions evaluated here) or a decider input as is. */
export type ActorInput =
  Exclude<PositionInput, { kind: 'tick' | 'candle' }> | TickArrival | CandleArrival;

/** The message an input came in (its subject and headers: the trace it continues). */
export interface Received {
  readonly subject: string;
  readonly headers: TraceHeaders;
}

/** Events that put an order command in the outbox: their trace is always kept (ADR 0057). */
const ORDERING = new Set<string>([
  'EntryOrderRequested',
  'ExitOrderRequested',
  'EntryOrderCancelRequested',
  'ExitOrderCancelRequested',
]);

/** Decide-and-store attempts before a persistent version conflict is treated as a failure. */
const MAX_ATTEMPTS = 3;

/**
 * One position: its live state, its strategy conditions and its input queue. Inputs are
 * processed one at a time (ticks coalesce); each is decided (events + the snapshot they lead
 * to), the events stored with the expected version (conflict: reload and decide again), then the
 * decided snapshot taken: the events are folded once, by the decider.
 */
export class PositionActor {
  readonly #queue = new ActorQueue();
  #live: LivePosition;
  #conditions: StrategyConditions | undefined;
  #stopped = false;

  constructor(
    readonly positionId: PositionId,
    live: LivePosition,
    private readonly stream: PositionStream,
    private readonly context: () => DecideContext,
    private readonly warmUp?: HistoryWarmUp,
  ) {
    this.#live = live;
    this.#syncConditions();
  }

  /** The live position (durable snapshot + tick memory). */
  get live(): LivePosition {
    return this.#live;
  }

  /** Candle intervals the strategy's conditions need. */
  intervals(): readonly Interval[] {
    return this.#conditions?.intervals() ?? [];
  }

  /**
   * Queues an input; resolves with the events stored for it (ticks coalesce: maybe none). `via`:
   * the message it came in, whose trace its processing continues (`process <subject>`).
   */
  submit(input: ActorInput, via?: Received): Promise<readonly PositionEvent[]> {
    let stored: readonly PositionEvent[] = [];
    const inTrace = <T>(fn: () => T): T =>
      via === undefined ? fn() : inProcessSpan(via.subject, input.id, via.headers, fn);
    const run = async () => {
      // A tick's span opens only if this actor decides something: most ticks change nothing,
      // so they open no span and enter no context (ADR 0057 addendum 2).
      stored = await (input.kind === 'tick' && via !== undefined
        ? this.#process(input, inTrace)
        : inTrace(() => this.#process(input)));
    };
    if (!this.#queue.empty) this.stream.hurry(this.positionId);
    return this.#queue.push(run, input.kind === 'tick').then(() => stored);
  }

  /**
   * A tick decided at once, in the caller's turn, when nothing is queued or running for this
   * actor (the tick is then in arrival order, as if queued): `null` when it changes nothing —
   * most ticks: no queue entry, no promise —, else the store of its events, queued (resolves
   * with them). A busy actor gets the tick through {@link submit} (queued, coalesced).
   */
  tickNow(tick: TickArrival): Promise<readonly PositionEvent[]> | null {
    if (!this.#queue.empty) return this.submit(tick);
    if (this.#stopped) return null;
    const input = this.#toDeciderInput(tick);
    const before = this.#live;
    const decision = decide(before, input, this.context());
    if (decision.events.length === 0) return null;
    let stored: readonly PositionEvent[] = [];
    const run = async () => {
      stored = await this.#store(input, before, decision);
    };
    return this.#queue.push(run).then(() => stored);
  }

  /** Stops driving the position: inputs still queued or arriving decide nothing. */
  stop(): void {
    this.#stopped = true;
  }

  /** Resolves once every queued input has been processed. */
  idle(): Promise<void> {
    return this.#queue.idle();
  }

  #toDeciderInput(input: ActorInput): PositionInput {
    if (input.kind === 'tick') {
      const c = this.#conditions;
      // No condition to evaluate: absent flags are false, the arrival is the input as it is.
      if (c === undefined || !c.evaluates) return input;
      // Built field by field: a spread of the arrival and the flags costs more than the decision.
      const { id, price, atMs, priceConfirmed } = input;
      return {
        kind: 'tick',
        id,
        price,
        atMs,
        entryConditionMet: c.entryMet(price),
        exitConditionMet: c.exitMet(price),
        ...(priceConfirmed === undefined ? {} : { priceConfirmed }),
      };
    }
    if (input.kind === 'candle') {
      const candle = { start: input.startMs, close: input.close };
      if (this.#conditions?.onClosedCandle(input.interval, candle) !== true) return input;
      const { id, close, atMs } = input;
      return { kind: 'candle', id, close, atMs, ...this.#conditions.evaluate(close) };
    }
    return input;
  }

  /** `inTrace`: the span the decision is stored in, when not opened around the whole input. */
  async #process(
    arrival: ActorInput,
    inTrace: <T>(fn: () => T) => T = (fn) => fn(),
  ): Promise<readonly PositionEvent[]> {
    if (this.#stopped) return [];
    const input = this.#toDeciderInput(arrival);
    const before = this.#live;
    return this.#store(input, before, decide(before, input, this.context()), inTrace);
  }

  /**
   * Stores a decision taken on `before` (nothing when it has no events or the actor stopped) and
   * takes it; on a version conflict (another writer moved the stream) reloads and decides the
   * input again (its conditions evaluated once), up to {@link MAX_ATTEMPTS} times.
   */
  async #store(
    input: PositionInput,
    before: LivePosition,
    decision: Decision,
    inTrace: <T>(fn: () => T) => T = (fn) => fn(),
  ): Promise<readonly PositionEvent[]> {
    for (let attempt = 1; ; attempt += 1) {
      if (decision.events.length === 0 || this.#stopped) return [];
      try {
        await inTrace(() => this.#append(before, decision));
      } catch (error) {
        if (!isVersionConflictError(error) || attempt >= MAX_ATTEMPTS) throw error;
        await this.#reload();
        before = this.#live;
        decision = decide(before, input, this.context());
        continue;
      }
      this.#live = applyDecision(before, decision);
      this.#syncConditions();
      return decision.events;
    }
  }

  /**
   * Stores decided events and their outbox rows in one transaction, in a span (`INSERT events`)
   * whose trace the rows carry to the relay. A decision that orders is always traced: under an
   * unsampled tick it starts its own trace, linked to the tick's. The decision's snapshot (folded
   * once, by the decider) is what the outbox rows and a due snapshot are made from.
   */
  #append(before: LivePosition, decision: Decision): Promise<void> {
    const { events } = decision;
    const append = () =>
      this.stream.append(this.positionId, before.snapshot, events, decision.snapshot);
    if (!tracingOn()) return append();
    const options = {
      attributes: {
        ...dbAttributes('INSERT', 'events'),
        'hoga.position.id': this.positionId,
        'hoga.event.types': events.map((e) => e.type),
      },
    };
    return events.some((e) => ORDERING.has(e.type))
      ? inKeptSpan('INSERT events', options, append)
      : inSpan('INSERT events', options, append);
  }

  /** Another writer moved the stream: reload it, keeping the last (and last confirmed) price seen. */
  async #reload(): Promise<void> {
    const { last, confirmed } = this.#live.watch;
    this.#live = restore(await this.stream.load(this.positionId));
    this.#live.watch.last ??= last;
    this.#live.watch.confirmed ??= confirmed;
    this.#syncConditions();
  }

  /** Builds the conditions once the spec is known and starts their warm-up (not awaited). */
  #syncConditions(): void {
    const spec = this.#live.watch.spec;
    if (this.#conditions !== undefined || spec === null) return;
    const conditions = new StrategyConditions(spec);
    this.#conditions = conditions;
    const needs = conditions.requiredHistory();
    if (this.warmUp === undefined || needs.length === 0 || this.#stopped) return;
    conditions.beginWarmUp();
    void this.warmUp.fetch(spec.market, needs).then((history) => {
      conditions.finishWarmUp(history);
    });
  }
}
