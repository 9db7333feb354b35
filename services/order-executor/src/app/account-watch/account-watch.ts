import * as E from 'fp-ts/lib/Either.js';
import type {
  AccountFinding,
  AccountStatusReply,
  AcknowledgeFinding,
  FindingPolicy,
  FindingSource,
  FindingView,
  HoldingCheck,
} from '@hoga/contracts';
import { isVersionConflictError } from '@hoga/event-store';
import { volume } from '@hoga/model';
import type { Logger } from '@hoga/telemetry';
import type { UpbitAccount } from '@hoga/upbit';
import type { Alerts } from '../../adapters/bus/alerts.js';
import { decideAck, type AckRefusal } from '../../domain/account-watch/acknowledge.rule.js';
import {
  balanceShortfalls,
  confirmedDrifts,
  driftFinding,
  holdingChecks,
} from '../../domain/account-watch/balance-drift.rule.js';
import { findingAlert } from './finding-alert.js';
import {
  actionsDue,
  evolveFindings,
  foreignTrades,
  openFindings,
  type Findings,
} from '../../domain/account-watch/findings.fold.js';
import type {
  FindingEventData,
  FindingsStream,
} from '../../adapters/account-watch/findings.stream.js';
import {
  foreignOrderChange,
  foreignOrderFinding,
  foreignOrderFindingId,
  type SeenOrder,
} from '../../domain/account-watch/foreign-order.rule.js';
import type { HoldingsRepository } from '../../adapters/account-watch/holdings.repository.js';
import type { TradingStateRequester } from '../../adapters/account-watch/trading-state.requester.js';
import type { UpbitOrdersReader } from '../../adapters/account-watch/upbit-orders.reader.js';

/** At most this many findings in a status reply (the newest; `openFindings` counts them all). */
export const MAX_LISTED = 200;

/** The policy per finding kind (config `accountWatch.policy`). */
export interface FindingPolicies {
  readonly foreignOrder: FindingPolicy;
  readonly balanceDrift: FindingPolicy;
}

/** What the account watch needs. */
export interface AccountWatchDeps {
  readonly stream: FindingsStream;
  readonly orders: UpbitOrdersReader;
  /** The uuids among these orders that hoga placed (by exchange uuid or identifier). */
  readonly hogaOrders: (
    orders: readonly { uuid: string; identifier: string | null }[],
  ) => Promise<ReadonlySet<string>>;
  readonly holdings: HoldingsRepository;
  /** The account's balances (`GET /v1/accounts`, the executor's account book). */
  readonly balances: () => Promise<readonly UpbitAccount[]>;
  readonly alerts: Pick<Alerts, 'raise'>;
  readonly trading: Pick<TradingStateRequester, 'apply'>;
  readonly policy: FindingPolicies;
  /** How far back each pass reads closed orders. */
  readonly closedWindowMs: number;
  readonly clock: () => Date;
  readonly logger: Logger;
}

/**
 * Finds what hoga did not do on the account (issue 15 item 2, ADR 0026): orders it did not place
 * (from myOrder frames and from each reconciliation pass over the open orders and the recent
 * closed ones) and coin balances short of what its orders hold. Each finding is recorded once in
 * the `account-findings` stream, alerted once (warning), and its policy (`reduce`/`halt`) is
 * carried out through risk-guard's endpoints until done; it stays open until an operator
 * acknowledges it. Never adopts and never cancels an order. Changes run one at a time.
 */
export class AccountWatch {
  #findings: Findings = new Map();
  #version = 0;
  #loaded = false;
  #driftKeys = new Set<string>();
  #holdings: HoldingCheck[] = [];
  #checkedAt: string | null = null;
  #serial: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: AccountWatchDeps) {}

  /** Folds the stream (at start and after a conflicting append). */
  async load(): Promise<void> {
    await this.#one(() => this.#reload());
  }

  /** A myOrder frame of an order hoga does not know: read it by REST and record it. */
  async onUnknownFrame(uuid: string): Promise<void> {
    const order = await this.deps.orders.byUuid(uuid);
    if (order === null) return;
    await this.#observe([order], 'my-order');
    await this.#actOnDue();
  }

  /**
   * One reconciliation pass: open orders, closed orders of the window, balance drift, then the
   * policy actions still due. Throws when Upbit or the store fails (the loop logs and retries).
   */
  async reconcile(): Promise<void> {
    const { orders, clock, closedWindowMs } = this.deps;
    const now = clock();
    await this.#observe(await orders.open(), 'open-orders');
    await this.#observe(
      await orders.closed(new Date(now.getTime() - closedWindowMs), now),
      'closed-orders',
    );
    await this.#checkBalances();
    await this.#actOnDue();
    this.#checkedAt = now.toISOString();
  }

  /** The operator view: findings (open, or all), foreign trades, the last holdings check. */
  status(includeAcknowledged: boolean): Extract<AccountStatusReply, { ok: true }> {
    const open = openFindings(this.#findings);
    const listed = includeAcknowledged ? [...this.#findings.values()].map((e) => e.view) : open;
    return {
      ok: true,
      // The newest ones: a reply stays far below NATS's 1 MiB payload limit.
      findings: listed.slice(-MAX_LISTED),
      openFindings: open.length,
      foreignTrades: foreignTrades(this.#findings),
      holdings: this.#holdings,
      checkedAt: this.#checkedAt,
      policy: { ...this.deps.policy },
    };
  }

  /** Records an operator's acknowledgement (who, why); refusals change nothing. */
  acknowledge(request: AcknowledgeFinding): Promise<E.Either<AckRefusal, FindingView>> {
    return this.#one(async () => {
      const decision = decideAck(this.#findings, request.data);
      if (E.isLeft(decision)) return decision;
      if (decision.right !== null) {
        const at = this.deps.clock().toISOString();
        await this.#append(
          [{ type: 'AccountFindingAcknowledged', data: { ...decision.right, at } }],
          request.id,
        );
        this.deps.logger.info('account finding acknowledged', { ...decision.right });
      }
      const entry = this.#findings.get(request.data.findingId);
      return entry === undefined
        ? E.left({ code: 'not-found' as const, message: 'finding vanished' })
        : E.right(entry.view);
    });
  }

  async #observe(seen: readonly SeenOrder[], source: FindingSource): Promise<void> {
    if (seen.length === 0) return;
    const hoga = await this.deps.hogaOrders(seen);
    const foreign = seen.filter((o) => !hoga.has(o.uuid));
    for (const order of foreign) await this.#one(() => this.#recordOrder(order, source));
  }

  async #recordOrder(order: SeenOrder, source: FindingSource): Promise<void> {
    const existing = this.#findings.get(foreignOrderFindingId(order.uuid));
    if (existing !== undefined) {
      const change = foreignOrderChange(existing.view.finding, order);
      if (change === null) return;
      const seenAt = this.deps.clock().toISOString();
      const findingId = existing.view.finding.findingId;
      await this.#append(
        [{ type: 'AccountFindingUpdated', data: { findingId, ...change, seenAt } }],
        null,
      );
      return;
    }
    const finding = foreignOrderFinding(
      order,
      source,
      this.deps.clock(),
      this.deps.policy.foreignOrder,
    );
    await this.#record(finding);
  }

  async #checkBalances(): Promise<void> {
    const { holdings: repo } = this.deps;
    const busyBefore = await repo.busyMarkets();
    const holdings = await repo.holdings();
    const accounts = await this.deps.balances();
    const busy = new Set([...busyBefore, ...(await repo.busyMarkets())]);
    const balances = accounts.map((a) => ({
      currency: a.currency,
      total: volume(a.balance.plus(a.locked)),
      avgBuyPrice: a.avg_buy_price,
    }));
    this.#holdings = holdingChecks(holdings, balances);
    const candidates = balanceShortfalls(holdings, balances, busy);
    const confirmed = confirmedDrifts(this.#driftKeys, candidates);
    this.#driftKeys = new Set(candidates.map((c) => c.key));
    for (const c of confirmed)
      await this.#one(async () => {
        if (this.#findings.has(c.key.slice(0, 200))) return;
        await this.#record(driftFinding(c, this.deps.clock(), this.deps.policy.balanceDrift));
      });
  }

  /** Records a new finding and alerts once (its policy is carried out by `#actOnDue`). */
  async #record(finding: AccountFinding): Promise<void> {
    await this.#append([{ type: 'AccountFindingRecorded', data: { finding } }], null);
    const alert = findingAlert(finding);
    this.deps.logger.warn('account finding', { findingId: finding.findingId, kind: finding.kind });
    await this.deps.alerts.raise(alert);
  }

  async #actOnDue(): Promise<void> {
    for (const view of actionsDue(this.#findings)) await this.#one(() => this.#act(view.finding));
  }

  async #act(finding: AccountFinding): Promise<void> {
    const entry = this.#findings.get(finding.findingId);
    if (finding.policy === 'alert' || entry === undefined || entry.view.action !== null) return;
    if (entry.view.acknowledged !== null) return;
    const action = finding.policy;
    const reason = `${findingAlert(finding).title} (policy ${action})`;
    const outcome = await this.deps.trading.apply(action, finding.findingId, reason);
    if (!outcome.done) {
      this.deps.logger.warn('account finding policy not carried out yet: retrying next pass', {
        findingId: finding.findingId,
        action,
        why: outcome.why,
      });
      return;
    }
    const at = this.deps.clock().toISOString();
    await this.#append(
      [
        {
          type: 'AccountFindingActed',
          data: {
            findingId: finding.findingId,
            action,
            tradingState: outcome.tradingState.slice(0, 16),
            at,
          },
        },
      ],
      null,
    );
  }

  /**
   * Appends at the folded version. Another writer (a second executor on the account) makes it a
   * conflict: the stream is folded again and the error thrown; the next pass decides again.
   */
  async #append(events: readonly FindingEventData[], causationId: string | null): Promise<void> {
    if (!this.#loaded) await this.#reload();
    try {
      const stored = await this.deps.stream.append(
        events,
        this.#version,
        this.deps.clock(),
        causationId,
      );
      for (const e of stored) this.#findings = evolveFindings(this.#findings, e);
      this.#version += stored.length;
    } catch (error) {
      if (isVersionConflictError(error)) await this.#reload();
      throw error;
    }
  }

  async #reload(): Promise<void> {
    const { findings, version } = await this.deps.stream.load();
    this.#findings = findings;
    this.#version = version;
    this.#loaded = true;
  }

  /** Runs `work` after every change queued before it (one change at a time). */
  #one<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#serial.then(work, work);
    this.#serial = run.catch(() => undefined);
    return run;
  }
}
