import { opsRequest, requestOps, type Subscription } from '@hoga/bus';
import {
  AccountState,
  ExchangeAccessState,
  opsEndpoint,
  RiskState,
  subjects,
  Tick,
  type OpsService,
  type OpsVerb,
} from '@hoga/contracts';
import * as E from 'fp-ts/lib/Either.js';
import type { GatewayContext } from '../gateway-context.js';
import { ticksChannel } from './live-channels.js';
import { PositionsView } from './positions-view.js';
import { RiskView, type WatchedService } from './risk-view.js';
import { TickSampler } from './tick-sampler.js';

/** How often the view asks and publishes. */
export interface LiveViewTimings {
  /** Each watched service is probed this often (its `status`; order-executor: `account`). */
  readonly probeEveryMs: number;
  /** A probe not answered within this is a failure. */
  readonly probeTimeoutMs: number;
  /** position-actor's `list` is asked again this often (and until it first answers). */
  readonly relistEveryMs: number;
  /** The `feeds` key (last-tick ages) is published this often. */
  readonly feedsEveryMs: number;
  /** Closed positions kept on the `positions` channel. */
  readonly keepClosed: number;
}

export const LIVE_VIEW_TIMINGS: LiveViewTimings = {
  probeEveryMs: 5_000,
  probeTimeoutMs: 2_000,
  relistEveryMs: 60_000,
  feedsEveryMs: 1_000,
  keepClosed: 100,
};

const PROBES: readonly { service: WatchedService; verb: string; data: unknown }[] = [
  { service: 'position-actor', verb: 'status', data: {} },
  { service: 'market-feed', verb: 'status', data: {} },
  { service: 'risk-guard', verb: 'status', data: {} },
  { service: 'order-executor', verb: 'account', data: { includeAcknowledged: false } },
];
const OPEN_STATUSES = ['pending', 'active', 'closing', 'error'] as const;

const encodeData = <A extends { data: unknown }>(codec: { encode(a: A): unknown }, a: A): unknown =>
  (codec.encode(a) as { data: unknown }).data;

/** A running live view. */
export interface LiveView {
  readonly positions: PositionsView;
  readonly risk: RiskView;
  /** Probes every service once and lists the positions (also done periodically). */
  refresh(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The gateway's live view of the engine: subscribes to `hoga.position.state.*`,
 * `hoga.account.state`, `hoga.account.access`, `hoga.risk.state` and `hoga.md.tick.*`, fills
 * itself from the services' ops (position-actor `list`, risk-guard `status`, market-feed
 * `status`, order-executor `account`) and puts every change on the live channels: `positions`,
 * `risk` (`trading`, `account`, `feeds`, `health`) and `ticks/<market>` (downsampled).
 * Subscriptions come first, then the lists: nothing published in between is missed.
 */
export async function startLiveView(
  ctx: GatewayContext,
  timings: LiveViewTimings = LIVE_VIEW_TIMINGS,
): Promise<LiveView> {
  const now = () => ctx.now().getTime();
  const positions = new PositionsView(ctx.live, timings.keepClosed);
  const risk = new RiskView(ctx.live, now);
  // ticks are encoded only when they go out (4 a second), not for each one the bus delivers
  const sampler = new TickSampler<Tick>(ctx.settings.live.ticksPerSecond, (market, tick) =>
    ctx.live.publish(ticksChannel(market), 'last', encodeData(Tick, tick)),
  );
  const subscriptions: Subscription[] = [];
  const bus = ctx.bus;
  subscriptions.push(
    await bus.subscribe(subjects.positionState('*'), (d) => {
      risk.seen('position-actor');
      positions.published(d.data.data);
    }),
    await bus.subscribe(subjects.riskState(), (d) => {
      risk.seen('risk-guard');
      risk.riskState(encodeData(RiskState, d.data));
    }),
    await bus.subscribe(subjects.accountState(), (d) => {
      risk.seen('order-executor');
      risk.balances(encodeData(AccountState, d.data));
    }),
    await bus.subscribe(subjects.accountAccess(), (d) => {
      risk.seen('order-executor');
      risk.access(encodeData(ExchangeAccessState, d.data));
    }),
    await bus.subscribe(subjects.mdTick('*'), (d) => {
      risk.seen('market-feed');
      const tick = d.data.data;
      risk.tickSeen(tick.market, tick.tradeTimestamp);
      sampler.offer(tick.market, d.data);
    }),
  );

  /** Calls an ops endpoint; resolves to its encoded success reply, or rejects with why not. */
  const ask = async (service: OpsService, verb: string, data: unknown, timeoutMs: number) => {
    const v = verb as OpsVerb<typeof service>;
    const request = opsRequest(service, v, data, ctx.now());
    if (E.isLeft(request)) throw new Error(request.left.message);
    const reply = await requestOps(bus, service, v, request.right, { timeoutMs });
    const encoded = opsEndpoint(service, v).reply.encode(reply) as Record<string, unknown>;
    if (encoded['ok'] !== true) {
      const error = encoded['error'] as { code: string; message: string };
      throw new Error(`${error.code}: ${error.message}`);
    }
    return { decoded: reply as unknown, encoded };
  };

  const probe = async (p: (typeof PROBES)[number]): Promise<void> => {
    const started = performance.now();
    try {
      const { encoded } = await ask(p.service, p.verb, p.data, timings.probeTimeoutMs);
      risk.probed(p.service, Math.round(performance.now() - started), null);
      if (p.service === 'risk-guard') risk.riskStatus(encoded);
      if (p.service === 'market-feed')
        risk.feedStatus(
          encoded['lastTicks'] as Parameters<RiskView['feedStatus']>[0],
          encoded['source'],
        );
      if (p.service === 'order-executor')
        risk.accountStatus(
          encoded['openFindings'] as number,
          encoded['checkedAt'] as string | null,
        );
    } catch (error) {
      risk.probed(p.service, 0, (error as Error).message.slice(0, 300));
    }
  };
  const probeAll = async (): Promise<void> => {
    await Promise.all(PROBES.map(probe));
    risk.publishHealth();
  };

  let listed = false;
  const list = async (): Promise<void> => {
    try {
      const { decoded } = await ask(
        'position-actor',
        'list',
        { statuses: OPEN_STATUSES, market: null },
        Math.max(timings.probeTimeoutMs, 10_000),
      );
      positions.listed(
        (decoded as { positions: Parameters<PositionsView['listed']>[0] }).positions,
      );
      listed = true;
    } catch (error) {
      ctx.logger.debug('positions not listed yet', { error: (error as Error).message });
    }
  };

  const refresh = async (): Promise<void> => {
    await Promise.all([probeAll(), list()]);
  };

  let stopped = false;
  const running = new Set<Promise<void>>();
  const track = (work: () => Promise<void>): void => {
    if (stopped) return;
    const p = work().finally(() => running.delete(p));
    running.add(p);
  };
  let lastListAt = now();
  track(refresh);
  const timers = [
    setInterval(() => risk.publishFeeds(), timings.feedsEveryMs),
    setInterval(() => {
      track(probeAll);
      if (!listed || now() - lastListAt >= timings.relistEveryMs) {
        lastListAt = now();
        track(list);
      }
    }, timings.probeEveryMs),
  ];

  return {
    positions,
    risk,
    refresh,
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      sampler.stop();
      await Promise.all(subscriptions.map((s) => s.unsubscribe()));
      await Promise.allSettled([...running]);
    },
  };
}
