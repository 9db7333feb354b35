import * as E from 'fp-ts/lib/Either.js';
import type { AccountState, ExchangeAccessState, PositionState, RiskState } from '@hoga/contracts';
import { krw, type Decimal, type Krw, type Market, type Price } from '@hoga/model';
import {
  evaluateLossLimit,
  type OperatorStamp,
  type TradingState,
  type TradingStateCommand,
} from '@hoga/risk';
import { inKeptSpan, type Logger } from '@hoga/telemetry';
import type { BaselineSource } from '../adapters/realized-baselines.js';
import type { RiskPublisher } from '../adapters/risk-publisher.js';
import type { RiskStream } from '../adapters/risk-stream.js';
import { ArmingBaselines } from './arming-baselines.js';
import { equityOf, type Equity } from '../domain/equity.js';
import { Portfolio } from '../domain/portfolio.js';
import { RiskConditions, type QuietMarket } from '../domain/risk-conditions.js';
import { riskView } from '../domain/risk-view.js';
import { RiskWriter, type CommandOutcome } from './risk-writer.js';
import { Throttle } from './throttle.js';

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

/**
 * The risk guard: the single writer of the `risk` stream. Keeps the latest position states and
 * account, marks the holdings to every tick, and — only while {@link active} (this instance leads,
 * from {@link takeOver} to {@link stepDown}) — evaluates the loss limit on every position state
 * and tick (running sums) and turns operator commands and breaches into events, KV state, halts
 * and alerts. A standby keeps its portfolio warm and decides, appends and publishes nothing.
 */
export class RiskGuard {
  readonly portfolio: Portfolio;
  /** Lost exchange access and quiet markets: shown in the view, never a transition. */
  readonly conditions = new RiskConditions();
  readonly #writer: RiskWriter;
  readonly #throttle: Throttle;
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
    this.#writer = new RiskWriter({
      ...deps,
      baselines: this.#baselines,
      active: () => this.#active,
      view: (state) => riskView(state, this.portfolio, this.conditions.list()),
      holdings: () => this.portfolio.holdings(),
    });
    this.#throttle = new Throttle(deps.stateThrottleMs, deps.now, () => {
      void this.#writer.serial.run(async () => {
        if (this.#active) await this.#writer.publishState();
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
    const took = await this.#writer.serial.run(async () => {
      const armedAt = await this.#writer.reload();
      if (current()) await this.#baselines.adopt(armedAt);
      if (!current()) return false;
      this.#active = true;
      await this.#writer.publishState();
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
    await this.#writer.serial.idle();
    await this.#baselines.stop();
  }

  get state(): TradingState {
    return this.#writer.state;
  }

  /** Equity at market now; undefined before the first account state. */
  get equity(): Equity | undefined {
    return this.#account && equityOf(this.#account, (m) => this.portfolio.lastPrice(m));
  }

  /** The view published in KV and on `hoga.risk.state`, and answered by `status`. */
  view(): RiskState['data'] {
    return riskView(this.#writer.state, this.portfolio, this.conditions.list());
  }

  /** order-executor's view of the access to Upbit: a lost access shows as a condition. */
  onAccountAccess(message: ExchangeAccessState): void {
    if (this.conditions.setAccess(message.data)) this.#throttle.request();
  }

  /** The watchdog's quiet markets with holdings (empty: none). */
  setQuietMarkets(quiet: readonly QuietMarket[]): void {
    if (this.conditions.setQuiet(quiet)) this.#throttle.request();
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
    const limit = this.#writer.state.lossLimit;
    if (limit?.armed !== true || this.#breachPending) return this.#throttle.request();
    if (!evaluateLossLimit(limit, this.portfolio.figures).breached) return this.#throttle.request();
    this.#breachPending = true;
    this.deps.onBreachDetected?.();
    try {
      // always traced (ADR 0057): the halt and the liquidation orders continue this trace
      const outcome = await inKeptSpan(
        'risk loss-limit breach',
        { attributes: { 'hoga.risk.causation_id': causationId } },
        () =>
          this.execute(
            () => ({
              type: 'RecordLossLimitBreach',
              figures: this.portfolio.figures,
              at: this.#at(),
            }),
            causationId,
          ),
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
    const { limitEverSet, state, version } = this.#writer;
    if (pct === null || limitEverSet || state.lossLimit !== null) return false;
    if (!this.#active || this.#account === undefined) return false;
    const stamp = {
      commandId: `config-arm-${version}`,
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
    return this.#withEquity(this.#writer.state.lossLimit === null, (snapshot) =>
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

  /** Decides, appends and announces a command through the single writer (see RiskWriter). */
  execute(command: () => TradingStateCommand, causationId: string | null): Promise<CommandOutcome> {
    return this.#writer.execute(command, causationId);
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
