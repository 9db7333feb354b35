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
import { ArmingBaselines } from './arming-baselines.js';
import { equityOf, type Equity } from './equity.js';
import { Portfolio } from './portfolio.js';
import { riskView } from './risk-view.js';
import { Serial } from './serial.js';
import { Throttle } from './throttle.js';
import { transitionEffects } from './transition-alerts.js';

/** Why a command was not carried out: the decider's rejection, no equity yet, or not leading. */
export type GuardRefusal =
  | RiskRejection
  | { readonly code: 'equity-unknown'; readonly message: string }
  | { readonly code: 'not-leader'; readonly message: string };
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

const NOT_LEADER: GuardRefusal = {
  code: 'not-leader',
  message: 'this risk-guard instance is not the leader (hot standby): retry',
};

/**
 * The risk guard: the single writer of the `risk` stream. Keeps the latest position states and
 * account, marks the holdings to every tick, and — only while {@link active} (this instance leads,
 * from {@link takeOver} to {@link stepDown}) — evaluates the loss limit on every position state
 * and tick (running sums) and turns operator commands and breaches into events, KV state, halts
 * and alerts. A standby keeps its portfolio warm and decides, appends and publishes nothing.
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
  readonly #baselines: ArmingBaselines;
  #active = false;
  /** Bumped by every take-over and step-down: a take-over that sees it move gives up. */
  #term = 0;

  constructor(private readonly deps: RiskGuardDeps) {
    this.portfolio = new Portfolio(deps.feeRate);
    this.#baselines = new ArmingBaselines(deps.baselines, this.portfolio, (positionId) => {
      void this.#check(`baseline:${positionId}`);
    });
    this.#throttle = new Throttle(deps.stateThrottleMs, deps.now, () => {
      void this.#serial.run(async () => {
        if (this.#active) await this.#publishState();
      });
    });
  }

  /** True while this instance leads: it decides, appends and writes the KV. */
  get active(): boolean {
    return this.#active;
  }

  /**
   * Becomes the acting guard (the leader): rebuilds the state from the stream (the truth),
   * follows the realized-PnL baselines of the armed limit, writes the KV (a cache of the stream),
   * then arms the configured limit if that is due, else checks the limit on the warm portfolio.
   * Resolves false when {@link stepDown} came first (nothing is left acting).
   */
  async takeOver(): Promise<boolean> {
    const term = ++this.#term;
    const current = (): boolean => term === this.#term;
    const took = await this.#serial.run(async () => {
      const armedAt = await this.#reload();
      if (current()) await this.#baselines.adopt(armedAt);
      if (!current()) return false;
      this.#active = true;
      await this.#publishState();
      return true;
    });
    if (!took) {
      if (!current()) await this.#baselines.stop();
      return false;
    }
    if (!(await this.#armFromConfig(null))) await this.#check('risk-guard:take-over');
    return current();
  }

  /**
   * Stops acting at once (the leader lease was lost or is given up): from now on no breach is
   * evaluated, nothing is appended, the KV is not written and no limit is armed until the next
   * {@link takeOver}. Position states, ticks and accounts still update the portfolio.
   */
  stepDown(): void {
    this.#term += 1;
    this.#active = false;
    this.#throttle.cancel();
    this.#baselines
      .stop()
      .catch((error: unknown) =>
        this.deps.logger.warn('realized PnL baselines not stopped', { error }),
      );
  }

  /** Stops acting and the deferred state publication, and waits for queued work. */
  async stop(): Promise<void> {
    this.stepDown();
    await this.#serial.idle();
    await this.#baselines.stop();
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
    if (!this.#active) return;
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

  /** The account from order-executor; the first one a leader gets arms the configured limit. */
  async onAccountState(message: AccountState): Promise<void> {
    this.#account = message.data;
    if (this.#active && !(await this.#armFromConfig(message.id))) this.#throttle.request();
  }

  /**
   * Arms the configured limit when it is due: a limit is configured, the stream never had an arm
   * or a disarm, an account is known and this instance leads. False when it was not due.
   */
  async #armFromConfig(causationId: string | null): Promise<boolean> {
    const pct = this.deps.lossLimitPct;
    if (pct === null || this.#limitEverSet || this.#state.lossLimit !== null) return false;
    if (!this.#active || this.#account === undefined) return false;
    const stamp = {
      commandId: `config-arm-${this.#version}`,
      issuedBy: 'config',
      reason: `loss limit from config: ${pct.toString()}%`,
    };
    const outcome = await this.arm(pct, stamp, causationId);
    if (E.isLeft(outcome))
      this.deps.logger.warn('loss limit from config not armed', { why: outcome.left.message });
    return true;
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
   * Refused with `not-leader` unless this instance leads when its turn in the queue comes.
   */
  execute(command: () => TradingStateCommand, causationId: string | null): Promise<CommandOutcome> {
    return this.#serial.run(() => this.#decideAndAppend(command, causationId, CONFLICT_ATTEMPTS));
  }

  async #decideAndAppend(
    command: () => TradingStateCommand,
    causationId: string | null,
    attempts: number,
  ): Promise<CommandOutcome> {
    if (!this.#active) return E.left(NOT_LEADER);
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
      // Another writer got there first (a leader hand-over): adopt the stream, KV included.
      const armedAt = await this.#reload();
      if (this.#active) {
        await this.#baselines.adopt(armedAt);
        await this.#publishState();
      }
      return this.#decideAndAppend(command, causationId, attempts - 1);
    }
    if (!this.#active)
      this.deps.logger.warn('appended while the leader lease was being lost: announcing it', {
        events: stored.map((e) => e.envelope.type),
      });
    let armedVersion: number | null = null;
    for (const [i, { event }] of stored.entries()) {
      this.#state = evolve(this.#state, event);
      if (event.type === 'LossLimitArmed') armedVersion = this.#version + i + 1;
      if (event.type === 'LossLimitDisarmed') await this.#baselines.stop();
      this.#limitEverSet ||= event.type === 'LossLimitArmed' || event.type === 'LossLimitDisarmed';
    }
    this.#version += stored.length;
    if (armedVersion !== null && this.#active)
      await this.#baselines.armed(await this.deps.stream.checkpointAt(armedVersion));
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
