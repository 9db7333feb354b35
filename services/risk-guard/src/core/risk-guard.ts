import * as E from 'fp-ts/lib/Either.js';
import type { AccountState, PositionState, RiskState } from '@hoga/contracts';
import { isVersionConflictError } from '@hoga/event-store';
import { krw, type Decimal, type Krw } from '@hoga/model';
import {
  decide,
  evaluateLossLimit,
  evolve,
  initialTradingState,
  planLiquidation,
  type OperatorStamp,
  type RiskRejection,
  type TradingState,
  type TradingStateCommand,
} from '@hoga/risk';
import type { Logger } from '@hoga/telemetry';
import type { RiskPublisher } from '../adapters/risk-publisher.js';
import type { RiskStream, StoredRiskEvent } from '../adapters/risk-stream.js';
import { equityOf, type Equity } from './equity.js';
import { Portfolio } from './portfolio.js';
import { riskView } from './risk-view.js';
import { Serial } from './serial.js';
import { Throttle } from './throttle.js';
import { transitionEffects } from './transition-alerts.js';

/** Why a command was not carried out: the decider's rejection, or no equity known yet. */
export type GuardRefusal =
  RiskRejection | { readonly code: 'equity-unknown'; readonly message: string };
/** The trading state after a command, or why it was refused. */
export type CommandOutcome = E.Either<GuardRefusal, TradingState>;

/** What the guard runs on. */
export interface RiskGuardDeps {
  readonly stream: RiskStream;
  readonly publisher: RiskPublisher;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Loss limit from config, armed on the first account state of a stream that never had one. */
  readonly lossLimitPct: Decimal | null;
  readonly ordersPerSecond: number;
  readonly stateThrottleMs: number;
  /** Called when a position state is found to breach the limit (benchmark probe). */
  readonly onBreachDetected?: () => void;
}

const CONFLICT_ATTEMPTS = 3;

/**
 * The risk guard: the single writer of the `risk` stream in this process. Keeps the latest
 * position states and account, evaluates the loss limit on every position state (running sums),
 * and turns operator commands and breaches into events, KV state, halts and alerts.
 */
export class RiskGuard {
  readonly portfolio = new Portfolio();
  readonly #serial = new Serial();
  readonly #throttle: Throttle;
  #state: TradingState = initialTradingState();
  #version = 0;
  #limitEverSet = false;
  #account: AccountState['data'] | undefined;
  #breachPending = false;

  constructor(private readonly deps: RiskGuardDeps) {
    this.#throttle = new Throttle(deps.stateThrottleMs, deps.now, () => {
      void this.#serial.run(() => this.#publishState());
    });
  }

  /** Rebuilds the state from the stream (the truth) and writes it to the KV (a cache of it). */
  async start(): Promise<void> {
    await this.#reload();
    const limit = this.#state.lossLimit;
    const cached = await this.deps.publisher.lastState();
    const sameLimit = limit?.armed === true && cached?.data.lossLimit?.armedAt === limit.armedAt;
    const carried = sameLimit
      ? (cached?.data.evaluation?.realizedPnlSinceArming ?? krw(0))
      : krw(0);
    this.portfolio.rebaseRealized(carried, false);
    await this.#serial.run(() => this.#publishState());
  }

  /** Stops the deferred state publication and waits for queued work. */
  async stop(): Promise<void> {
    this.#throttle.cancel();
    await this.#serial.idle();
  }

  get state(): TradingState {
    return this.#state;
  }

  /** Equity at market now; undefined before the first account state. */
  get equity(): Equity | undefined {
    return this.#account && equityOf(this.#account, (m) => this.portfolio.lastPrice(m));
  }

  /** The view published in KV and on `hoga.risk.state`, and answered by `status`. */
  view(): RiskState['data'] {
    return riskView(this.#state, this.portfolio);
  }

  /** A live position snapshot: O(1) update, loss-limit check, breach if reached. */
  async onPositionState(message: PositionState): Promise<void> {
    if (!this.portfolio.apply(message.data)) return;
    const limit = this.#state.lossLimit;
    if (limit?.armed !== true || this.#breachPending) return this.#throttle.request();
    if (!evaluateLossLimit(limit, this.portfolio.figures).breached) return this.#throttle.request();
    this.#breachPending = true;
    this.deps.onBreachDetected?.();
    try {
      const outcome = await this.execute(
        () => ({ type: 'RecordLossLimitBreach', figures: this.portfolio.figures, at: this.#at() }),
        message.id,
      );
      if (E.isLeft(outcome))
        this.deps.logger.info('breach not recorded', { why: outcome.left.message });
    } finally {
      this.#breachPending = false;
    }
  }

  /** The account from order-executor; the first one with equity arms the configured limit. */
  async onAccountState(message: AccountState): Promise<void> {
    this.#account = message.data;
    const pct = this.deps.lossLimitPct;
    if (pct === null || this.#limitEverSet || this.#state.lossLimit !== null)
      return this.#throttle.request();
    const stamp = {
      commandId: `config-arm-${this.#version}`,
      issuedBy: 'config',
      reason: `loss limit from config: ${pct.toString()}%`,
    };
    const outcome = await this.arm(pct, stamp, message.id);
    if (E.isLeft(outcome))
      this.deps.logger.warn('loss limit from config not armed', { why: outcome.left.message });
  }

  /** Operator halt: safe mode. */
  halt(
    stamp: Omit<OperatorStamp, 'at'>,
    causationId: string | null = null,
  ): Promise<CommandOutcome> {
    return this.execute(() => ({ type: 'HaltTrading', ...stamp, at: this.#at() }), causationId);
  }
  /** Operator reduce: exits only. */
  reduce(
    stamp: Omit<OperatorStamp, 'at'>,
    causationId: string | null = null,
  ): Promise<CommandOutcome> {
    return this.execute(() => ({ type: 'ReduceTrading', ...stamp, at: this.#at() }), causationId);
  }
  /** Operator resume: back to ACTIVE; leaving HALTED re-arms the limit on the equity now. */
  resume(
    stamp: Omit<OperatorStamp, 'at'>,
    causationId: string | null = null,
  ): Promise<CommandOutcome> {
    return this.#withEquity(this.#state.lossLimit === null, (snapshot) =>
      this.execute(
        () => ({ type: 'ResumeTrading', ...stamp, ...snapshot, at: this.#at() }),
        causationId,
      ),
    );
  }
  /** Arms (or re-arms) the loss limit on the equity now. */
  arm(
    ratePct: Decimal,
    stamp: Omit<OperatorStamp, 'at'>,
    causationId: string | null = null,
  ): Promise<CommandOutcome> {
    return this.#withEquity(false, (snapshot) =>
      this.execute(
        () => ({ type: 'ArmLossLimit', ratePct, ...stamp, ...snapshot, at: this.#at() }),
        causationId,
      ),
    );
  }
  /** Removes the loss limit. */
  disarm(
    stamp: Omit<OperatorStamp, 'at'>,
    causationId: string | null = null,
  ): Promise<CommandOutcome> {
    return this.execute(() => ({ type: 'DisarmLossLimit', ...stamp, at: this.#at() }), causationId);
  }

  /**
   * Decides a command (built inside the queue, on the latest figures), appends its events at the
   * expected version (a conflict reloads the stream and decides again), then announces them.
   */
  execute(command: () => TradingStateCommand, causationId: string | null): Promise<CommandOutcome> {
    return this.#serial.run(() => this.#decideAndAppend(command, causationId, CONFLICT_ATTEMPTS));
  }

  async #decideAndAppend(
    command: () => TradingStateCommand,
    causationId: string | null,
    attempts: number,
  ): Promise<CommandOutcome> {
    const decision = decide(command(), this.#state);
    if (E.isLeft(decision) || decision.right.length === 0)
      return E.map(() => this.#state)(decision);
    let stored: StoredRiskEvent[];
    try {
      stored = await this.deps.stream.append(decision.right, this.#version, {
        causationId,
        correlationId: causationId ?? `risk-${this.#version}`,
        at: this.#at(),
      });
    } catch (error) {
      if (!isVersionConflictError(error) || attempts <= 1) throw error;
      await this.#reload();
      return this.#decideAndAppend(command, causationId, attempts - 1);
    }
    for (const { event } of stored) {
      this.#state = evolve(this.#state, event);
      if (event.type === 'LossLimitArmed') this.portfolio.rebaseRealized(krw(0), true);
      this.#limitEverSet ||= event.type === 'LossLimitArmed' || event.type === 'LossLimitDisarmed';
    }
    this.#version += stored.length;
    await this.#announce(stored);
    return E.right(this.#state);
  }

  /** KV first (entries stop), then the halt (exits start), then alerts and the event relay. */
  async #announce(stored: readonly StoredRiskEvent[]): Promise<void> {
    const plan = planLiquidation(this.portfolio.holdings(), {
      ordersPerSecond: this.deps.ordersPerSecond,
    });
    const effects = transitionEffects(stored, plan);
    await this.#publishState();
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

  async #publishState(): Promise<void> {
    try {
      await this.deps.publisher.state(this.view(), this.#at());
    } catch (error) {
      this.deps.logger.error('risk state not published', { error });
    }
  }

  async #reload(): Promise<void> {
    const loaded = await this.deps.stream.load();
    this.#state = loaded.state;
    this.#version = loaded.version;
    this.#limitEverSet = loaded.limitEverSet;
  }

  #withEquity(
    optional: boolean,
    run: (s: { equityKrw: Krw; unrealizedPnlKrw: Krw }) => Promise<CommandOutcome>,
  ): Promise<CommandOutcome> {
    const equity = this.equity;
    if (equity === undefined && !optional)
      return Promise.resolve(
        E.left({
          code: 'equity-unknown',
          message: 'no account state received yet: equity unknown',
        }),
      );
    return run({
      equityKrw: equity?.totalKrw ?? krw(0),
      unrealizedPnlKrw: this.portfolio.unrealizedPnl,
    });
  }

  #at(): string {
    return this.deps.now().toISOString();
  }
}
