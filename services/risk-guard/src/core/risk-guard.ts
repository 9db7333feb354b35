import * as E from 'fp-ts/lib/Either.js';
import type { AccountState, PositionState, RiskState } from '@hoga/contracts';
import { isVersionConflictError, type Checkpoint } from '@hoga/event-store';
import { krw, type Decimal, type Krw, type Market, type Price } from '@hoga/model';
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
import type { BaselineSource } from '../adapters/realized-baselines.js';
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
  /** The positions' realized PnL at arming, from the event store. */
  readonly baselines: BaselineSource;
  /** Upbit's fee rate, to mark holdings to the ticks as the positions value them. */
  readonly feeRate: Decimal;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Loss limit from config, armed on the first account state of a stream that never had one. */
  readonly lossLimitPct: Decimal | null;
  readonly ordersPerSecond: number;
  readonly stateThrottleMs: number;
  /** Called when a position state or a tick is found to breach the limit (benchmark probe). */
  readonly onBreachDetected?: () => void;
}

const CONFLICT_ATTEMPTS = 3;

/**
 * The risk guard: the single writer of the `risk` stream in this process. Keeps the latest
 * position states and account, marks the holdings to every tick, evaluates the loss limit on every
 * position state and tick (running sums), and turns operator commands and breaches into events,
 * KV state, halts and alerts.
 */
export class RiskGuard {
  readonly portfolio: Portfolio;
  readonly #serial = new Serial();
  readonly #throttle: Throttle;
  #state: TradingState = initialTradingState();
  #version = 0;
  #limitEverSet = false;
  #account: AccountState['data'] | undefined;
  #breachPending = false;

  constructor(private readonly deps: RiskGuardDeps) {
    this.portfolio = new Portfolio(deps.feeRate);
    this.#throttle = new Throttle(deps.stateThrottleMs, deps.now, () => {
      void this.#serial.run(() => this.#publishState());
    });
  }

  /** Rebuilds the state from the stream (the truth) and writes it to the KV (a cache of it). */
  async start(): Promise<void> {
    const armedAt = await this.#reload();
    if (armedAt !== null) await this.#followBaselines(armedAt);
    await this.#serial.run(() => this.#publishState());
  }

  /** Stops the deferred state publication and waits for queued work. */
  async stop(): Promise<void> {
    this.#throttle.cancel();
    await this.#serial.idle();
    await this.deps.baselines.stop();
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
    if (this.portfolio.apply(message.data)) await this.#check(message.id);
  }

  /** A tick: the market's holdings marked to it in O(1), loss-limit check, breach if reached. */
  async onTick(market: Market, price: Price, messageId: string): Promise<void> {
    if (this.portfolio.mark(market, price)) await this.#check(messageId);
  }

  /** Evaluates the loss limit on the running sums; records a breach once it is reached. */
  async #check(causationId: string): Promise<void> {
    const limit = this.#state.lossLimit;
    if (limit?.armed !== true || this.#breachPending) return this.#throttle.request();
    if (!evaluateLossLimit(limit, this.portfolio.figures).breached) return this.#throttle.request();
    this.#breachPending = true;
    this.deps.onBreachDetected?.();
    try {
      const outcome = await this.execute(
        () => ({ type: 'RecordLossLimitBreach', figures: this.portfolio.figures, at: this.#at() }),
        causationId,
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
    let armedVersion: number | null = null;
    for (const [i, { event }] of stored.entries()) {
      this.#state = evolve(this.#state, event);
      if (event.type === 'LossLimitArmed') armedVersion = this.#version + i + 1;
      if (event.type === 'LossLimitDisarmed') await this.deps.baselines.stop();
      this.#limitEverSet ||= event.type === 'LossLimitArmed' || event.type === 'LossLimitDisarmed';
    }
    this.#version += stored.length;
    if (armedVersion !== null) {
      this.portfolio.rebaseRealized();
      await this.#followBaselines(await this.deps.stream.checkpointAt(armedVersion));
    }
    await this.#announce(stored);
    return E.right(this.#state);
  }

  /** Exact realized PnL at arming for every position touched since, from the store. */
  #followBaselines(armedAt: Checkpoint): Promise<void> {
    return this.deps.baselines.follow(armedAt, (positionId, atArming, now) => {
      this.portfolio.storedRealized(positionId, atArming, now);
      void this.#check(`baseline:${positionId}`);
    });
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

  /** Folds the stream again; returns where the armed limit was armed (null: none is). */
  async #reload(): Promise<Checkpoint | null> {
    const loaded = await this.deps.stream.load();
    this.#state = loaded.state;
    this.#version = loaded.version;
    this.#limitEverSet = loaded.limitEverSet;
    return loaded.armedAt;
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
