import type { OrderEvent, PositionEvent } from '@hoga/contracts';
import { dec, DEFAULT_FEE_RATE, roundToTick, type Price } from '@hoga/model';
import { decide } from '../evaluator/decide.js';
import type { OperatorVerb, PositionInput } from '../evaluator/inputs.js';
import { applyDecision, restore, type LivePosition } from '../evaluator/live-position.js';
import { POSITION_ID, T0, throughStorage } from './position.js';
import type { StrategySpec } from '../strategy/index.js';
import { ExchangeModel } from './exchange-model.js';
import { checkInvariants, ok } from './position-invariants.js';
import { replay, replayWithMachine } from '../replay/replay.js';
import type { PositionPhase } from '../machine/position-snapshot.js';

/** One step of a generated history. */
export type Action =
  | {
      readonly t: 'tick';
      readonly bps: number;
      readonly minutes: number;
      readonly entry: boolean;
      readonly exit: boolean;
    }
  | {
      readonly t: 'candle';
      readonly minutes: number;
      readonly entry: boolean;
      readonly exit: boolean;
    }
  | { readonly t: 'fill'; readonly share: number }
  | { readonly t: 'complete' }
  | {
      readonly t: 'fail';
      readonly cause: 'rejected' | 'denied' | 'not-placed' | 'unsent' | 'expired';
      readonly exitOnly: boolean;
    }
  | { readonly t: 'note'; readonly kind: 'accepted' | 'unknown' }
  | { readonly t: 'deliver'; readonly index: number }
  | { readonly t: 'duplicate'; readonly index: number }
  | { readonly t: 'bogus'; readonly other: boolean }
  | { readonly t: 'command'; readonly verb: OperatorVerb; readonly id: number }
  | { readonly t: 'operate'; readonly choice: number }
  | { readonly t: 'halt' }
  | { readonly t: 'crash' };

/** Commands an operator would use in each state (`operate` picks one; `command` sends any). */
const USEFUL: Readonly<Record<PositionPhase, readonly OperatorVerb[]>> = {
  unopened: [],
  pending: ['close', 'pause', 'resume'],
  active: ['close', 'pause', 'resume'],
  closing: ['close'],
  error: ['retry-close', 'retry-close', 'dismiss', 'close'],
  closed: [],
};

/** Deep equality assertion (the test passes `node:assert`'s; this lib imports no Node module). */
export type AssertEqual = (actual: unknown, expected: unknown, message: string) => void;

/**
 * A position actor wired to the exchange model: every input goes through `decide` and
 * `applyDecision`, events are "stored" (JSON round trip on crash), and the invariants of
 * reliability.md #15 are checked after every step.
 */
export class PositionWorld {
  live: LivePosition = restore();
  readonly stored: PositionEvent[] = [];
  readonly exchange = new ExchangeModel();
  private readonly delivered: OrderEvent[] = [];
  private price = dec(100_000_000) as Price;
  private nowMs = T0;
  private seq = 0;

  constructor(
    spec: StrategySpec,
    private readonly assertEqual: AssertEqual,
  ) {
    this.run({
      kind: 'start',
      id: 'start',
      positionId: POSITION_ID,
      spec,
      openedBy: 'model',
      lastPrice: null,
    });
  }

  private run(input: PositionInput): void {
    const before = this.live.snapshot;
    const decision = decide(this.live, input, {
      now: new Date(this.nowMs).toISOString(),
      feeRate: DEFAULT_FEE_RATE,
    });
    const { events } = decision;
    // The decider folds as it decides; the actor takes that snapshot as is (ADR 0063).
    this.assertEqual(
      decision.snapshot,
      replay(events, before),
      'decided state = fold of its events',
    );
    this.live = applyDecision(this.live, decision);
    this.stored.push(...events);
    for (const e of events)
      if (e.type === 'EntryOrderRequested' || e.type === 'ExitOrderRequested')
        this.exchange.place(e.data);
    ok(before.status !== 'closed' || events.length === 0, 'nothing happens after closed');
    checkInvariants({
      snapshot: this.live.snapshot,
      stored: this.stored,
      delivered: this.delivered,
      exchange: this.exchange,
    });
  }

  act(a: Action): void {
    const id = `in-${(this.seq += 1)}`;
    switch (a.t) {
      case 'tick':
        this.price = roundToTick(this.price.mul(10_000 + a.bps).div(10_000), 'nearest');
        this.nowMs += a.minutes * 60_000;
        return this.run({
          kind: 'tick',
          id,
          price: this.price,
          atMs: this.nowMs,
          entryConditionMet: a.entry,
          exitConditionMet: a.exit,
        });
      case 'candle':
        this.nowMs += a.minutes * 60_000;
        return this.run({
          kind: 'candle',
          id,
          close: this.price,
          atMs: this.nowMs,
          entryConditionMet: a.entry,
          exitConditionMet: a.exit,
        });
      case 'fill':
        return this.exchange.fill(a.share, this.price);
      case 'complete':
        return this.exchange.complete();
      case 'fail':
        return this.exchange.fail(a.cause, a.exitOnly ? 'exit' : undefined);
      case 'note':
        return this.exchange.note(a.kind);
      case 'deliver': {
        if (this.exchange.outbox.length === 0) return;
        const [event] = this.exchange.outbox.splice(a.index % this.exchange.outbox.length, 1);
        this.delivered.push(event!);
        return this.run({ kind: 'order', id: event!.id, event: event! });
      }
      case 'duplicate': {
        const event = this.delivered[a.index % Math.max(1, this.delivered.length)];
        return event === undefined
          ? undefined
          : this.run({ kind: 'order', id: `${event.id}-again`, event });
      }
      case 'bogus': {
        const event = this.exchange.bogus(this.price, a.other);
        return this.run({ kind: 'order', id: event.id, event });
      }
      case 'command':
        return this.run({
          kind: 'command',
          id,
          verb: a.verb,
          issued: { commandId: `cmd-${a.id}`, issuedBy: 'model', reason: null },
        });
      case 'operate': {
        const verbs = USEFUL[this.live.snapshot.status];
        if (verbs.length === 0) return;
        return this.run({
          kind: 'command',
          id,
          verb: verbs[a.choice % verbs.length]!,
          issued: { commandId: `op-${this.seq}`, issuedBy: 'model', reason: null },
        });
      }
      case 'halt':
        return this.run({ kind: 'risk-halt', id, detail: 'halt' });
      case 'crash':
        return this.crash();
    }
  }

  /** Restart: the state rebuilt from the stored events must be the state the actor had. */
  crash(): void {
    const replayed = replay(throughStorage(this.stored));
    this.assertEqual(replayed, this.live.snapshot, 'replayed state = live state');
    this.live = restore(replayed);
  }

  /** At the end: the fold through xstate's own `transition()` agrees too. */
  finish(): void {
    this.crash();
    this.assertEqual(
      replayWithMachine(throughStorage(this.stored)),
      this.live.snapshot,
      'xstate fold = live state',
    );
  }
}
