import type { Bus, Headers, Subscription } from '@hoga/bus';
import { opsEndpoint, subjects, type OpsService, type OpsVerb } from '@hoga/contracts';
import { decodeWith } from '@hoga/model';
import * as E from 'fp-ts/lib/Either.js';

/** A wire reply (JSON as the service would send it) per endpoint, or a function of the request. */
export type FakeReplies = Partial<Record<`${OpsService}.${string}`, unknown>>;

const T0 = '2026-12-06T10:00:00.000Z';

/** Wire replies of the services' status endpoints: every service up, nothing special. */
export const HEALTHY_REPLIES = {
  'risk-guard.status': {
    ok: true,
    risk: {
      state: 'ACTIVE',
      reason: 'initial',
      since: null,
      lossLimit: null,
      evaluation: null,
      unrealizedPnlKrw: '-1500.5',
      exposureKrw: '200000',
      holdingPositions: 2,
    },
    equityKrw: '1000000.25',
    lastTransitions: [],
    leader: { instanceId: 'risk-guard-1', since: T0 },
  },
  'market-feed.status': {
    ok: true,
    markets: ['KRW-BTC', 'KRW-ETH'],
    feed: {
      ticks: 10,
      duplicates: 0,
      outOfOrder: 0,
      ignored: 0,
      rejected: {
        'not-a-krw-market': 0,
        'sequence-id-unsafe': 0,
        'market-mismatch': 0,
        'off-tick-grid': 0,
      },
      candlesClosed: 0,
      candlesForming: 0,
      issues: 0,
    },
    lastTicks: [
      { market: 'KRW-BTC', lastTickAt: T0, lastTickAgeMs: 1_500 },
      { market: 'KRW-ETH', lastTickAt: null, lastTickAgeMs: null },
    ],
    source: { kind: 'replay', connected: true, connections: 1, stalls: 0, resyncs: 0 },
  },
  'position-actor.status': {
    ok: true,
    instanceId: 'position-actor-1',
    config: { feeRate: '0.0005', partitions: 16, snapshotEvery: 50, stateThrottleMs: 1000 },
    ticks: {
      settings: { bandPct: '10', window: 20, confirmTrades: 2 },
      received: 0,
      delivered: 0,
      rejected: { 'market-mismatch': 0, 'off-tick-grid': 0 },
      held: { outlier: 0, 'no-reference': 0 },
      confirmed: 0,
      dropped: 0,
      holding: [],
      candles: {
        received: 0,
        delivered: 0,
        rejected: { 'market-mismatch': 0, 'interval-mismatch': 0, 'off-tick-grid': 0, outlier: 0 },
      },
    },
  },
  'order-executor.account': {
    ok: true,
    findings: [],
    openFindings: 2,
    foreignTrades: [],
    holdings: [],
    checkedAt: T0,
    policy: { foreignOrder: 'alert', balanceDrift: 'alert' },
  },
} as const;

/**
 * Answers the given ops endpoints on `bus` with fixed wire replies (decoded with the endpoint's
 * reply codec first: a fixture that is not a valid reply throws here, not in the gateway), or
 * with what a function of the request's data returns. Counts the requests per endpoint and keeps
 * each request's bus headers (`traceparent`), in arrival order.
 */
export async function serveFakeOps(
  bus: Bus,
  replies: Readonly<Record<string, unknown>>,
): Promise<{
  calls: Map<string, number>;
  requests: { readonly endpoint: string; readonly headers: Headers }[];
  stop(): Promise<void>;
}> {
  const calls = new Map<string, number>();
  const requests: { readonly endpoint: string; readonly headers: Headers }[] = [];
  const subs: Subscription[] = [];
  for (const [endpoint, reply] of Object.entries(replies)) {
    const [service, verb] = endpoint.split('.') as [OpsService, OpsVerb<OpsService>];
    const codec = opsEndpoint(service, verb).reply;
    const decode = (wire: unknown) => {
      const decoded = decodeWith(codec, wire);
      if (E.isLeft(decoded)) throw new Error(`${endpoint} fixture: ${decoded.left.message}`);
      return decoded.right;
    };
    if (typeof reply !== 'function') decode(reply);
    subs.push(
      await bus.reply(subjects.ops(service, verb), (delivery) => {
        calls.set(endpoint, (calls.get(endpoint) ?? 0) + 1);
        requests.push({ endpoint, headers: delivery.headers });
        const wire =
          typeof reply === 'function'
            ? (reply as (data: unknown) => unknown)((delivery.data as { data: unknown }).data)
            : reply;
        return Promise.resolve(decode(wire));
      }),
    );
  }
  return {
    calls,
    requests,
    stop: async () => void (await Promise.all(subs.map((s) => s.unsubscribe()))),
  };
}
