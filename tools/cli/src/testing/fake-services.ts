import type { OpsHandlers, OpsMeta } from '@hoga/bus';
import { opsFailure } from '@hoga/contracts';
import type { OpsRequestOf as OpsRequest } from '@hoga/bus';
import {
  dec,
  krw,
  price,
  volume,
  type Market,
  type PositionId,
  type StrategyId,
} from '@hoga/model';

/** One request a fake service received. */
export interface Received {
  readonly verb: string;
  readonly data: unknown;
  readonly meta: OpsMeta;
}

/** A sample live snapshot. */
export const samplePosition = {
  positionId: 'pos-1' as PositionId,
  strategyId: 'demo-immediate-btc' as StrategyId,
  market: 'KRW-BTC' as Market,
  status: 'active',
  paused: false,
  volume: volume('0.0001'),
  avgEntryPrice: price('95000000'),
  peakPrice: price('96000000'),
  lastPrice: price('95500000'),
  unrealizedPnlKrw: krw('45.2'),
  realizedPnlKrw: krw('0'),
  exitReason: null,
  enteredAt: null,
  exitLevels: null,
  failure: null,
  version: 4,
} as const;

/** Recording position-actor handlers; position `pos-missing` is not found. */
export function fakePositionActor(received: Received[]): OpsHandlers<'position-actor'> {
  const command =
    (verb: string) =>
    async (
      request: { readonly data: OpsRequest<'position-actor', 'close'>['data'] },
      meta: OpsMeta,
    ) => {
      received.push({ verb, data: request.data, meta });
      const { positionId } = request.data;
      return positionId === 'pos-missing'
        ? opsFailure('not-found', `no position ${positionId}`)
        : { ok: true as const, positionId };
    };
  return {
    run: async (request, meta) => {
      received.push({ verb: 'run', data: request.data, meta });
      return { ok: true, positionId: 'pos-42' as PositionId, strategyId: 'demo' as StrategyId };
    },
    close: command('close'),
    pause: command('pause'),
    resume: command('resume'),
    'retry-close': command('retry-close'),
    dismiss: command('dismiss'),
    list: async (request, meta) => {
      received.push({ verb: 'list', data: request.data, meta });
      return { ok: true, positions: [samplePosition] };
    },
    status: async () => ({
      ok: true,
      instanceId: 'fake',
      config: { feeRate: dec('0.0005'), partitions: 16, snapshotEvery: 50, stateThrottleMs: 1000 },
      ticks: {
        settings: { bandPct: dec(10), window: 5, confirmTrades: 2 },
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
          rejected: {
            'market-mismatch': 0,
            'interval-mismatch': 0,
            'off-tick-grid': 0,
            outlier: 0,
          },
        },
      },
    }),
  };
}

const riskState = (state: 'ACTIVE' | 'HALTED') => ({
  state,
  reason: 'by test',
  since: null,
  lossLimit: null,
  evaluation: null,
  unrealizedPnlKrw: krw('-1200'),
  exposureKrw: krw('95000'),
  holdingPositions: 1,
});

/** The risk-guard instance the fake status names as the one answering. */
export const sampleLeader = { instanceId: 'rg-b:4242', since: '2026-11-23T09:58:30.000Z' };

/** Recording risk-guard handlers: halt halts, everything else leaves trading ACTIVE. */
export function fakeRiskGuard(received: Received[]): OpsHandlers<'risk-guard'> {
  const record = (verb: string, data: unknown, meta: OpsMeta) =>
    received.push({ verb, data, meta });
  return {
    status: async (r, meta) => (
      record('status', r.data, meta),
      {
        ok: true,
        risk: riskState('ACTIVE'),
        equityKrw: krw('10000000'),
        lastTransitions: [
          {
            from: 'HALTED',
            to: 'ACTIVE',
            by: 'cli:alice@desk',
            reason: 'incident over',
            at: '2026-11-23T10:00:00.000Z',
          },
        ],
        leader: sampleLeader,
      }
    ),
    halt: async (r, meta) => (record('halt', r.data, meta), { ok: true, state: 'HALTED' }),
    resume: async (r, meta) => (record('resume', r.data, meta), { ok: true, state: 'ACTIVE' }),
    reduce: async (r, meta) => (record('reduce', r.data, meta), { ok: true, state: 'REDUCING' }),
    arm: async (r, meta) => (record('arm', r.data, meta), { ok: true, limit: null }),
    disarm: async (r, meta) => (record('disarm', r.data, meta), { ok: true, limit: null }),
  };
}
