import { isRight } from 'fp-ts/lib/Either.js';
import {
  PositionEvent,
  type OrderEvent,
  type PositionEventOf,
  type PositionEventType,
} from '@hoga/contracts';
import {
  dec,
  DEFAULT_FEE_RATE,
  type Krw,
  type Price,
  type StrategyId,
  type Volume,
} from '@hoga/model';
import type { StrategySpec } from '../strategy/index.js';
import type { DecideContext } from '../evaluator/decide-context.js';
import { decide } from '../evaluator/decide.js';
import { Emission } from '../evaluator/emission.js';
import type { OperatorVerb, PositionInput } from '../evaluator/inputs.js';
import { applyDecision, restore, type LivePosition } from '../evaluator/live-position.js';

/** Test support: a strategy spec, inputs and a driver that decides and applies like an actor. */
export { MARKET, POSITION_ID, T0 } from './executor-events.js';
import { MARKET, POSITION_ID, T0 } from './executor-events.js';
export const p = (v: string | number): Price => dec(v) as Price;
export const v = (x: string | number): Volume => dec(x) as Volume;
export const k = (x: string | number): Krw => dec(x) as Krw;

/** BTC at 100,000,000 KRW, budget 200,000; market orders; TP 3 %, SL 5 %, no trailing. */
export function spec(
  overrides: Partial<StrategySpec> = {},
  exit: Partial<StrategySpec['exit']> = {},
): StrategySpec {
  return {
    id: 'btc-test' as StrategyId,
    market: MARKET,
    budgetKrw: k(200000),
    entry: 'immediate',
    exit: { takeProfitPct: dec(3), stopLossPct: dec(5), ...exit },
    orders: { entry: 'market', exit: 'market' },
    ...overrides,
  };
}

export { orderEvents } from './executor-events.js';

/** Inputs, with ids unique per call. */
let seq = 0;
const nextId = (kind: string) => `${kind}-${(seq += 1)}`;
export const inputs = {
  start: (s: StrategySpec = spec(), lastPrice: Price | null = p(100_000_000)): PositionInput => ({
    kind: 'start',
    id: nextId('start'),
    positionId: POSITION_ID,
    spec: s,
    openedBy: 'cli:test',
    lastPrice,
  }),
  tick: (
    price: string | number,
    atMs = T0,
    flags: { entry?: boolean; exit?: boolean } = {},
  ): PositionInput => ({
    kind: 'tick',
    id: nextId('tick'),
    price: p(price),
    atMs,
    entryConditionMet: flags.entry,
    exitConditionMet: flags.exit,
  }),
  candle: (
    close: string | number,
    atMs = T0,
    flags: { entry?: boolean; exit?: boolean } = {},
  ): PositionInput => ({
    kind: 'candle',
    id: nextId('candle'),
    close: p(close),
    atMs,
    entryConditionMet: flags.entry,
    exitConditionMet: flags.exit,
  }),
  order: (event: OrderEvent): PositionInput => ({ kind: 'order', id: event.id, event }),
  command: (verb: OperatorVerb, commandId: string = nextId('cmd')): PositionInput => ({
    kind: 'command',
    id: nextId('msg'),
    verb,
    issued: { commandId, issuedBy: 'cli:alice', reason: null },
  }),
  halt: (): PositionInput => ({
    kind: 'risk-halt',
    id: nextId('halt'),
    detail: 'loss limit breached',
  }),
};

/** Decides and applies like an actor: keeps the stored events; `now` follows the input time. */
export class Driver {
  live: LivePosition = restore();
  readonly stored: PositionEvent[] = [];
  nowMs = T0;

  ctx(): DecideContext {
    return { now: new Date(this.nowMs).toISOString(), feeRate: DEFAULT_FEE_RATE };
  }
  run(input: PositionInput): readonly PositionEvent[] {
    if (input.kind === 'tick' || input.kind === 'candle')
      this.nowMs = Math.max(this.nowMs, input.atMs);
    const decision = decide(this.live, input, this.ctx());
    this.live = applyDecision(this.live, decision);
    this.stored.push(...decision.events);
    return decision.events;
  }
  runAll(...list: PositionInput[]): readonly PositionEvent[] {
    return list.flatMap((i) => this.run(i));
  }
  get status() {
    return this.live.snapshot.status;
  }
  get context() {
    return this.live.snapshot.context;
  }
}

export const types = (events: readonly PositionEvent[]): string[] => events.map((e) => e.type);
/** The data of the first event of `type`. */
export const dataOf = <T extends PositionEventType>(
  events: readonly PositionEvent[],
  type: T,
): PositionEventOf<T>['data'] | undefined =>
  events.find((e) => e.type === type)?.data as PositionEventOf<T>['data'] | undefined;

/** One actor step for `machineSpec`: decide at the input's time, then apply. */
export function positionStep(
  live: LivePosition,
  input: PositionInput,
): { state: LivePosition; outputs: readonly PositionEvent[] } {
  const atMs = input.kind === 'tick' || input.kind === 'candle' ? input.atMs : T0;
  const decision = decide(live, input, {
    now: new Date(atMs).toISOString(),
    feeRate: DEFAULT_FEE_RATE,
  });
  return { state: applyDecision(live, decision), outputs: decision.events };
}

/** Stored form: encoded to JSON text and decoded back, as the event store does. */
export function throughStorage(events: readonly PositionEvent[]): PositionEvent[] {
  return events.map((e) => {
    const decoded = PositionEvent.decode(JSON.parse(JSON.stringify(PositionEvent.encode(e))));
    if (!isRight(decoded)) throw new Error(`${e.type} does not decode`);
    return decoded.right;
  });
}

/** The state after `list`, and an emission to call one decision step on it directly. */
export function afterInputs(list: readonly PositionInput[]): { d: Driver; em: Emission } {
  const d = new Driver();
  d.runAll(...list);
  return { d, em: new Emission(d.live, 'probe', d.ctx()) };
}
