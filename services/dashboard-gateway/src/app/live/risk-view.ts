import type { LivePublisher } from './live-publisher.port.js';
import { RISK_CHANNEL } from './live-channels.js';

/** The services whose health the `risk` channel's `health` key shows. */
export const WATCHED_SERVICES = [
  'market-feed',
  'position-actor',
  'risk-guard',
  'order-executor',
] as const;
export type WatchedService = (typeof WATCHED_SERVICES)[number];

/** One service's health as the gateway derives it. */
interface ServiceHealth {
  /** Last message seen from it on the bus (ticks, position states, risk state, account). */
  lastSeenAt: string | null;
  /** Last time it answered an ops request (`status`; order-executor: `account`). */
  lastAnsweredAt: string | null;
  /** Last probe: when, how it went, in how long. */
  lastProbeAt: string | null;
  answering: boolean | null;
  latencyMs: number | null;
  error: string | null;
}

/** A market's last tick as seen here or reported by market-feed. */
interface FeedMarket {
  /** Exchange trade time of the last tick the gateway saw (epoch ms). */
  tradeAt: number | null;
  /** When the gateway received it (its clock, epoch ms). */
  seenAt: number | null;
  /** market-feed's own figure from its last `status` reply. */
  reported: { lastTickAt: string | null; lastTickAgeMs: number | null; at: number } | null;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * The `risk` channel's four keys, each published whole when it changes:
 * - `trading`: the risk guard's state (trading state, loss limit and its evaluation, exposure)
 *   from `hoga.risk.state`, with the equity, the last transitions and the leader from its
 *   `status` reply;
 * - `account`: balances (`hoga.account.state`), Upbit access (`hoga.account.access`) and the
 *   open findings count (order-executor's `account` reply);
 * - `feeds`: each market's last-tick age (see {@link RiskView.publishFeeds});
 * - `health`: each service's last message and its answer to the last probe.
 */
export class RiskView {
  #trading: Record<string, unknown> = {
    risk: null,
    riskAt: null,
    equityKrw: null,
    lastTransitions: [],
    leader: null,
    statusAt: null,
  };
  #account: Record<string, unknown> = {
    balances: null,
    balancesAt: null,
    access: null,
    accessAt: null,
    openFindings: null,
    checkedAt: null,
    statusAt: null,
  };
  readonly #markets = new Map<string, FeedMarket>();
  #source: unknown = null;
  #feedStatusAt: number | null = null;
  readonly #health = new Map<WatchedService, ServiceHealth>(
    WATCHED_SERVICES.map((s) => [
      s,
      {
        lastSeenAt: null,
        lastAnsweredAt: null,
        lastProbeAt: null,
        answering: null,
        latencyMs: null,
        error: null,
      },
    ]),
  );
  readonly #lastSeen = new Map<WatchedService, number>();

  constructor(
    private readonly live: LivePublisher,
    private readonly now: () => number,
  ) {}

  /** `hoga.risk.state` (encoded data). */
  riskState(risk: unknown): void {
    this.#trading = { ...this.#trading, risk, riskAt: iso(this.now()) };
    this.live.publish(RISK_CHANNEL, 'trading', this.#trading);
  }

  /** risk-guard's `status` reply (encoded, ok). */
  riskStatus(reply: Record<string, unknown>): void {
    this.#trading = {
      ...this.#trading,
      risk: reply['risk'],
      equityKrw: reply['equityKrw'],
      lastTransitions: reply['lastTransitions'],
      leader: reply['leader'],
      statusAt: iso(this.now()),
    };
    this.live.publish(RISK_CHANNEL, 'trading', this.#trading);
  }

  /** `hoga.account.state` (encoded data). */
  balances(balances: unknown): void {
    this.#account = { ...this.#account, balances, balancesAt: iso(this.now()) };
    this.live.publish(RISK_CHANNEL, 'account', this.#account);
  }

  /** `hoga.account.access` (encoded data). */
  access(access: unknown): void {
    this.#account = { ...this.#account, access, accessAt: iso(this.now()) };
    this.live.publish(RISK_CHANNEL, 'account', this.#account);
  }

  /** order-executor's `account` reply: open findings and the last reconciliation. */
  accountStatus(openFindings: number, checkedAt: string | null): void {
    this.#account = { ...this.#account, openFindings, checkedAt, statusAt: iso(this.now()) };
    this.live.publish(RISK_CHANNEL, 'account', this.#account);
  }

  /** A tick seen on `hoga.md.tick.<market>`. */
  tickSeen(market: string, tradeTimestamp: number): void {
    const m = this.#market(market);
    m.tradeAt = tradeTimestamp;
    m.seenAt = this.now();
  }

  /** market-feed's `status` reply (encoded, ok): its markets' last ticks and its source. */
  feedStatus(
    lastTicks: readonly {
      market: string;
      lastTickAt: string | null;
      lastTickAgeMs: number | null;
    }[],
    source: unknown,
  ): void {
    const at = this.now();
    for (const t of lastTicks)
      this.#market(t.market).reported = {
        lastTickAt: t.lastTickAt,
        lastTickAgeMs: t.lastTickAgeMs,
        at,
      };
    this.#source = source;
    this.#feedStatusAt = at;
  }

  #market(market: string): FeedMarket {
    let m = this.#markets.get(market);
    if (m === undefined) {
      m = { tradeAt: null, seenAt: null, reported: null };
      this.#markets.set(market, m);
    }
    return m;
  }

  /**
   * Publishes `feeds`: per market, the age of its last tick now. From the ticks the gateway saw
   * (`ageMs` = now - when it received the last one: `from: 'ticks'`) or, for a market without a
   * tick seen here, from market-feed's last `status` (its reported age plus the time since the
   * reply: `from: 'feed-status'`); `lastTickAt` is the exchange's trade time.
   */
  publishFeeds(): void {
    const now = this.now();
    const markets = [...this.#markets.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([market, m]) => {
        if (m.seenAt !== null)
          return { market, lastTickAt: iso(m.tradeAt), ageMs: now - m.seenAt, from: 'ticks' };
        const r = m.reported;
        return {
          market,
          lastTickAt: r?.lastTickAt ?? null,
          ageMs: r?.lastTickAgeMs == null ? null : r.lastTickAgeMs + (now - r.at),
          from: 'feed-status',
        };
      });
    this.live.publish(RISK_CHANNEL, 'feeds', {
      asOf: iso(now),
      markets,
      source: this.#source,
      statusAt: iso(this.#feedStatusAt),
    });
  }

  /** A message from `service` was seen on the bus. */
  seen(service: WatchedService): void {
    this.#lastSeen.set(service, this.now());
  }

  /** The outcome of a probe of `service`: answered in `latencyMs`, or failed with `error`. */
  probed(service: WatchedService, latencyMs: number, error: string | null): void {
    const h = this.#health.get(service);
    if (h === undefined) return;
    const at = iso(this.now());
    h.lastProbeAt = at;
    h.answering = error === null;
    h.latencyMs = error === null ? latencyMs : null;
    h.error = error;
    if (error === null) h.lastAnsweredAt = at;
  }

  /**
   * Publishes `health`: for each service `status` `up` (answered the last probe), `down` (did not:
   * `error` says why: no responders, timeout, a failure reply) or `unknown` (not probed yet),
   * with `lastSeenAt` (its last message on the bus), `lastAnsweredAt` and the probe's latency.
   */
  publishHealth(): void {
    const services = WATCHED_SERVICES.map((service) => {
      const h = this.#health.get(service)!;
      const seen = this.#lastSeen.get(service);
      return {
        service,
        status: h.answering === null ? 'unknown' : h.answering ? 'up' : 'down',
        ...h,
        lastSeenAt: seen === undefined ? null : iso(seen),
      };
    });
    this.live.publish(RISK_CHANNEL, 'health', { asOf: iso(this.now()), services });
  }
}
