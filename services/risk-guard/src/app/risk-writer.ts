import * as E from 'fp-ts/lib/Either.js';
import type { RiskState } from '@hoga/contracts';
import { isVersionConflictError, type Checkpoint } from '@hoga/event-store';
import {
  decide,
  evolve,
  initialTradingState,
  planLiquidation,
  type Holding,
  type LiquidationPlan,
  type RiskRejection,
  type TradingState,
  type TradingStateCommand,
  type TradingStateEvent,
} from '@hoga/risk';
import type { Logger } from '@hoga/telemetry';
import type { RiskPublisher } from '../adapters/risk-publisher.js';
import type { RiskStream, StoredRiskEvent } from '../adapters/risk-stream.js';
import type { ArmingBaselines } from './arming-baselines.js';
import { Serial } from './serial.js';
import { transitionEffects } from '../domain/transition-alerts.js';

/** Why a command was not carried out: the decider's rejection, no equity yet, or not leading. */
export type GuardRefusal =
  | RiskRejection
  | { readonly code: 'equity-unknown'; readonly message: string }
  | { readonly code: 'not-leader'; readonly message: string };
/** The trading state after a command, or why it was refused. */
export type CommandOutcome = E.Either<GuardRefusal, TradingState>;

const NOT_LEADER: GuardRefusal = {
  code: 'not-leader',
  message: 'this risk-guard instance is not the leader (hot standby): retry',
};

const CONFLICT_ATTEMPTS = 3;

const NO_PLAN: LiquidationPlan = { steps: [], dust: [] };
const entersHalt = (events: readonly TradingStateEvent[]): boolean =>
  events.some((e) => e.type === 'TradingStateChanged' && e.to === 'HALTED');
const noop = (): void => undefined;
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** What the writer runs on; the guard supplies the live parts. */
export interface RiskWriterDeps {
  readonly stream: RiskStream;
  readonly publisher: RiskPublisher;
  readonly baselines: ArmingBaselines;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly ordersPerSecond: number;
  /** True while this instance leads. */
  readonly active: () => boolean;
  /** The view published in the KV for a trading state. */
  readonly view: (state: TradingState) => RiskState['data'];
  /** The positions holding coins now, for the liquidation plan. */
  readonly holdings: () => Holding[];
}

/**
 * The single writer of the `risk` stream: the folded trading state, commands decided one at a
 * time on the latest figures, appended at the expected version, then announced (KV, halt,
 * alerts, relay). Appends only while this instance leads.
 */
export class RiskWriter {
  readonly serial = new Serial();
  #state: TradingState = initialTradingState();
  #version = 0;
  #limitEverSet = false;

  constructor(private readonly deps: RiskWriterDeps) {}

  get state(): TradingState {
    return this.#state;
  }
  /** The stream's version: the config arming's command id is derived from it. */
  get version(): number {
    return this.#version;
  }
  /** True once any loss limit was armed or disarmed: config never overrides an operator. */
  get limitEverSet(): boolean {
    return this.#limitEverSet;
  }

  /**
   * Decides a command (built inside the queue, on the latest figures), appends its events at the
   * expected version (a conflict reloads the stream and decides again), then announces them.
   * Refused with `not-leader` unless this instance leads when its turn in the queue comes.
   */
  execute(command: () => TradingStateCommand, causationId: string | null): Promise<CommandOutcome> {
    return this.serial.run(() => this.#decideAndAppend(command, causationId, CONFLICT_ATTEMPTS));
  }

  /** Folds the stream again; returns where the armed limit was armed (null: none is). */
  async reload(): Promise<Checkpoint | null> {
    const loaded = await this.deps.stream.load();
    this.#state = loaded.state;
    this.#version = loaded.version;
    this.#limitEverSet = loaded.limitEverSet;
    return loaded.armedAt;
  }

  /** Writes the view to the KV and `hoga.risk.state`; a failure is logged, never thrown. */
  async publishState(): Promise<void> {
    try {
      await this.deps.publisher.state(this.deps.view(this.#state), this.#at());
    } catch (error) {
      this.deps.logger.error('risk state not published', { error });
    }
  }

  async #decideAndAppend(
    command: () => TradingStateCommand,
    causationId: string | null,
    attempts: number,
  ): Promise<CommandOutcome> {
    if (!this.deps.active()) return E.left(NOT_LEADER);
    const decision = decide(command(), this.#state);
    if (E.isLeft(decision) || decision.right.length === 0)
      return E.map(() => this.#state)(decision);
    const appending = this.deps.stream.append(decision.right, this.#version, {
      causationId,
      correlationId: causationId ?? `risk-${this.#version}`,
      at: this.#at(),
    });
    // A halt's liquidation plan is made while the append's commit (an fsync) is awaited, not
    // between the commit and the halt: after one turn of the loop (the statement is on its way)
    // unless the append settled first (a store in memory). ADR 0023 addendum 1.
    const plan = entersHalt(decision.right) ? await this.#planWhile(appending) : NO_PLAN;
    let stored: StoredRiskEvent[];
    try {
      stored = await appending;
    } catch (error) {
      if (!isVersionConflictError(error) || attempts <= 1) throw error;
      // Another writer got there first (a leader hand-over): adopt the stream, KV included.
      const armedAt = await this.reload();
      if (this.deps.active()) {
        await this.deps.baselines.adopt(armedAt);
        await this.publishState();
      }
      return this.#decideAndAppend(command, causationId, attempts - 1);
    }
    await this.#apply(stored);
    await this.#announce(stored, plan);
    return E.right(this.#state);
  }

  /**
   * The liquidation plan of the holdings now, made once `appending` has settled or the loop has
   * turned, whichever comes first. `appending` is awaited by the caller (its failure is not
   * handled here).
   */
  async #planWhile(appending: Promise<unknown>): Promise<LiquidationPlan> {
    await Promise.race([appending.then(noop, noop), nextTurn()]);
    return planLiquidation(this.deps.holdings(), { ordersPerSecond: this.deps.ordersPerSecond });
  }

  /** Folds appended events in; an arming starts counting realized PnL from it. */
  async #apply(stored: readonly StoredRiskEvent[]): Promise<void> {
    if (!this.deps.active())
      this.deps.logger.warn('appended while the leader lease was being lost: announcing it', {
        events: stored.map((e) => e.envelope.type),
      });
    let armedVersion: number | null = null;
    for (const [i, { event }] of stored.entries()) {
      this.#state = evolve(this.#state, event);
      if (event.type === 'LossLimitArmed') armedVersion = this.#version + i + 1;
      if (event.type === 'LossLimitDisarmed') await this.deps.baselines.stop();
      this.#limitEverSet ||= event.type === 'LossLimitArmed' || event.type === 'LossLimitDisarmed';
    }
    this.#version += stored.length;
    if (armedVersion !== null && this.deps.active())
      await this.deps.baselines.armed(await this.deps.stream.checkpointAt(armedVersion));
  }

  /**
   * KV first (entries stop), then the halt with `plan` (exits start), then alerts and the event
   * relay.
   */
  async #announce(stored: readonly StoredRiskEvent[], plan: LiquidationPlan): Promise<void> {
    const effects = transitionEffects(stored, plan);
    await this.publishState();
    if (effects.halt !== null)
      await this.deps.publisher
        .halt(effects.halt.changed, effects.halt.data)
        .catch((error: unknown) =>
          this.deps.logger.error('risk halt not published (the KV holds HALTED)', { error }),
        );
    for (const alert of effects.alerts)
      await this.deps.publisher.alert(alert, this.#at(), stored[0]?.envelope.id ?? null);
    await this.deps.publisher.events(stored);
  }

  #at(): string {
    return this.deps.now().toISOString();
  }
}
