import { opsFailure } from '@hoga/contracts';
import type { OpsRequestOf as OpsRequest } from '../ops-types.js';
import {
  dec,
  krw,
  price,
  volume,
  type Market,
  type PositionId,
  type StrategyId,
} from '@hoga/model';
import { OpsError } from '../ops-error.js';
import type { OpsHandlers, OpsMeta } from '../ops-handlers.js';

/** One call a fake handler received. */
export interface OpsCall {
  readonly verb: string;
  readonly request: unknown;
  readonly meta: OpsMeta;
}

/** Position ids the fake treats specially. */
export const FakePositionIds = {
  missing: 'pos-missing' as PositionId,
  crashing: 'pos-crashing' as PositionId,
  busy: 'pos-busy' as PositionId,
  badReply: 'pos-bad-reply' as PositionId,
} as const;

/** What an unexpected failure of the fake says: must never reach the requester. */
export const FAKE_SECRET = 'postgres://admin:hunter2@db';

/** A sample live snapshot, as `list` returns it. */
export const samplePosition = {
  positionId: 'pos-1' as PositionId,
  strategyId: 'btc-dip' as StrategyId,
  market: 'KRW-BTC' as Market,
  status: 'active',
  paused: false,
  volume: volume('0.0021'),
  avgEntryPrice: price('95000000'),
  peakPrice: price('96000000'),
  lastPrice: price('95500000'),
  unrealizedPnlKrw: krw('950.5'),
  realizedPnlKrw: krw('0'),
  exitReason: null,
  enteredAt: null,
  exitLevels: null,
  failure: null,
  version: 3,
} as const;

type PositionCommand = { readonly data: OpsRequest<'position-actor', 'close'>['data'] };

/**
 * position-actor handlers that record every call and answer from the position id: `missing` is
 * not found, `busy` is thrown as a conflict, `crashing` throws an unexpected error holding a
 * secret, `badReply` answers something the reply codec refuses; any other id is accepted.
 */
export function fakePositionActor(): { handlers: OpsHandlers<'position-actor'>; calls: OpsCall[] } {
  const calls: OpsCall[] = [];
  const command = (verb: string) => async (request: PositionCommand, meta: OpsMeta) => {
    calls.push({ verb, request, meta });
    const { positionId } = request.data;
    if (positionId === FakePositionIds.missing)
      return opsFailure('not-found', `no position ${positionId}`);
    if (positionId === FakePositionIds.busy) throw new OpsError('conflict', 'already closing');
    if (positionId === FakePositionIds.crashing) throw new Error(`cannot reach ${FAKE_SECRET}`);
    if (positionId === FakePositionIds.badReply)
      return { ok: true as const, positionId: 'not a valid id!' as PositionId };
    return { ok: true as const, positionId };
  };
  return {
    calls,
    handlers: {
      run: async (request, meta) => {
        calls.push({ verb: 'run', request, meta });
        const id = request.data.strategy['id'];
        const strategyId = (typeof id === 'string' ? id : 'unnamed') as StrategyId;
        return { ok: true, positionId: 'pos-new' as PositionId, strategyId };
      },
      close: command('close'),
      pause: command('pause'),
      resume: command('resume'),
      'retry-close': command('retry-close'),
      dismiss: command('dismiss'),
      list: async (request, meta) => {
        calls.push({ verb: 'list', request, meta });
        return { ok: true, positions: [samplePosition] };
      },
      status: async () => ({
        ok: true,
        instanceId: 'fake',
        config: {
          feeRate: dec('0.0005'),
          partitions: 16,
          snapshotEvery: 50,
          stateThrottleMs: 1000,
        },
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
    },
  };
}
