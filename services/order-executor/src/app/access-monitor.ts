import type { Bus } from '@hoga/bus';
import { subjects, wrap, type ExchangeAccessState } from '@hoga/contracts';
import type { Market } from '@hoga/model';
import type { Logger } from '@hoga/telemetry';
import { accessRefusalOf, type AccessRefusal } from '@hoga/upbit';
import type { Alerts } from '../adapters/bus/alerts.js';
import {
  ACCESS_OK,
  accessReason,
  blocks,
  checkKind,
  onAccepted,
  onCheckFailed,
  onRefusal,
  type AccessChange,
  type AccessCheckPolicy,
  type AccessState,
  type CallKind,
} from '../domain/exchange-access.js';

/** What the monitor needs. */
export interface AccessMonitorDeps {
  readonly bus: Bus;
  readonly alerts: Alerts;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly policy: AccessCheckPolicy;
  /** How often the state is published even without a change (a restarted reader learns it). */
  readonly publishEveryMs: number;
  /**
   * One check of access, sent past the guard: a read for a lost key, an order test for a missing
   * order permission. Resolves when Upbit answered without refusing access; throws otherwise.
   */
  readonly check: (kind: CallKind) => Promise<void>;
  /** Access came back: release the held exits, reconnect the private socket, sync. */
  readonly onRestored: () => void;
  /** Access was lost (or got worse): e.g. stop the private socket's handshakes. */
  readonly onLost: (state: AccessState) => void;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The account's access to Upbit, kept from every answer (REST calls through the gateway, the
 * private socket) by the pure rules of `domain/exchange-access.ts`. On the first refusal: one
 * urgent alert, the state published on `hoga.account.access` (risk-guard shows it in `hoga risk
 * status`), and from then on only the checks reach Upbit, on a capped exponential backoff. When
 * an answer shows access is back: one "restored" alert, the state published, `onRestored`.
 */
export class AccessMonitor {
  #state: AccessState = ACCESS_OK;
  readonly #held = new Map<string, Market>();
  #checkTimer: NodeJS.Timeout | undefined;
  #publishTimer: NodeJS.Timeout | undefined;
  #effects: Promise<void> = Promise.resolve();
  #checking = false;
  #stopped = true;

  constructor(private readonly deps: AccessMonitorDeps) {}

  /** The state now. */
  get state(): AccessState {
    return this.#state;
  }

  /** True when a call of `kind` must not be sent now (see `blocks`). */
  blocks(kind: CallKind): boolean {
    return blocks(this.#state, kind);
  }

  /** Starts the periodic publication (and the checks while access is lost). */
  start(): void {
    this.#stopped = false;
    this.#publishTimer = setInterval(
      () => this.#queue(() => this.#publish()),
      this.deps.publishEveryMs,
    );
    this.#queue(() => this.#publish());
    this.#scheduleCheck();
  }

  /** Stops the timers; resolves once the queued alerts and publications are out. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#publishTimer);
    clearTimeout(this.#checkTimer);
    await this.#effects;
  }

  /** Upbit refused access (any call, the private socket). */
  refused(refusal: AccessRefusal): void {
    const now = this.deps.clock().getTime();
    this.#apply(onRefusal(this.#state, refusal, now, this.deps.policy));
  }

  /** Upbit answered a call of `kind` without refusing access. */
  accepted(kind: CallKind): void {
    this.#apply(onAccepted(this.#state, kind));
  }

  /** An exit order that cannot be placed now is held (the row stays `new`); alerted once. */
  held(orderId: string, market: Market): void {
    if (this.#held.has(orderId)) return;
    this.#held.set(orderId, market);
    const reason = accessReason(this.#state);
    this.#queue(async () => {
      await this.deps.alerts.raise({
        severity: 'urgent',
        title: `hoga: exit of ${market} held, Upbit access lost`,
        body: `exit order ${orderId} cannot be placed: ${reason}. The position keeps holding its coins (unprotected by hoga) until access returns; sell by hand if needed.`,
        dedupKey: `exit-held:${orderId}`,
      });
      await this.#publish();
    });
  }

  /** A held exit was sent (or ended otherwise). */
  released(orderId: string): void {
    if (this.#held.delete(orderId)) this.#queue(() => this.#publish());
  }

  #apply(step: { readonly state: AccessState; readonly change: AccessChange }): void {
    const before = this.#state;
    this.#state = step.state;
    if (step.change === 'none') return;
    this.#queue(async () => {
      await this.#alert(step.change, step.state, before);
      await this.#publish();
    });
    if (step.change === 'restored') {
      clearTimeout(this.#checkTimer);
      this.deps.logger.info('Upbit access restored: trading resumes');
      this.deps.onRestored();
    } else {
      this.deps.logger.error('Upbit access lost: entries denied, exits held', {
        reason: accessReason(step.state),
      });
      this.deps.onLost(step.state);
      this.#scheduleCheck();
    }
  }

  async #alert(change: AccessChange, now: AccessState, before: AccessState): Promise<void> {
    if (change === 'restored' && before.status === 'lost') {
      const lostFor = Math.round((this.deps.clock().getTime() - before.since) / 1000);
      await this.deps.alerts.raise({
        severity: 'warning',
        title: 'hoga: Upbit access restored, trading resumes',
        body: `Upbit accepts the API key again after ${lostFor}s (${before.errorName}); entries go through and held exits are sent now.`,
        dedupKey: `exchange-access-restored:${before.since}`,
      });
      return;
    }
    if (now.status !== 'lost') return;
    await this.deps.alerts.raise({
      severity: 'urgent',
      title:
        now.problem === 'credentials'
          ? 'hoga: Upbit refuses the API key, trading stopped'
          : 'hoga: the API key may not place orders, trading stopped',
      body: `${accessReason(now)}. Since ${iso(now.since)}. Positions holding coins are not protected until access returns.`,
      dedupKey: `exchange-access-lost:${now.problem}:${now.since}`,
    });
  }

  #scheduleCheck(): void {
    clearTimeout(this.#checkTimer);
    const state = this.#state;
    if (this.#stopped || state.status !== 'lost') return;
    const wait = Math.max(0, state.nextCheckAt - this.deps.clock().getTime());
    this.#checkTimer = setTimeout(() => void this.#check(), wait);
  }

  async #check(): Promise<void> {
    if (this.#checking || this.#state.status !== 'lost') return;
    this.#checking = true;
    const kind = checkKind(this.#state);
    try {
      await this.deps.check(kind);
      this.accepted(kind);
    } catch (error) {
      this.deps.logger.warn('Upbit access still lost', { error });
      const before = this.#state;
      const refusal = accessRefusalOf(error);
      if (refusal) this.refused(refusal); // a dead key found while checking the permission
      if (this.#state === before) {
        this.#state = onCheckFailed(this.#state, this.deps.clock().getTime(), this.deps.policy);
        this.#queue(() => this.#publish());
        this.#scheduleCheck();
      }
    } finally {
      this.#checking = false;
    }
  }

  /** The state as published on `hoga.account.access`. */
  view(): ExchangeAccessState['data'] {
    const s = this.#state;
    const heldExits = [...this.#held].map(([orderId, market]) => ({ orderId, market }));
    if (s.status === 'ok')
      return {
        ...{ status: 'ok', problem: null, errorName: null, where: null },
        ...{ reason: accessReason(s), since: null, nextCheckAt: null, checks: 0, heldExits },
      };
    return {
      ...{ status: 'lost', problem: s.problem, errorName: s.errorName, where: s.where },
      reason: accessReason(s),
      ...{ since: iso(s.since), nextCheckAt: iso(s.nextCheckAt), checks: s.checks, heldExits },
    };
  }

  async #publish(): Promise<void> {
    const at = this.deps.clock().toISOString();
    const id = `account-access:${at}`;
    const message = wrap('ExchangeAccessState', this.view(), {
      ...{ id, occurredAt: at, causationId: null, correlationId: id },
    });
    await this.deps.bus.publish(subjects.accountAccess(), message);
  }

  #queue(effect: () => Promise<void>): void {
    this.#effects = this.#effects
      .then(effect)
      .catch((error: unknown) => this.deps.logger.warn('access state not announced', { error }));
  }
}
