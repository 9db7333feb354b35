import type { OpsHandlers } from '@hoga/bus';
import { opsFailure, type FindingView } from '@hoga/contracts';
import { dec, krw, volume } from '@hoga/model';
import type { Received } from './fake-services.js';

/** A sample finding: a limit buy placed in the Upbit app. */
export const sampleFinding: FindingView = {
  finding: {
    findingId: 'foreign-order:u-1',
    kind: 'foreign-order',
    market: 'KRW-BTC',
    side: 'bid',
    ordType: 'limit',
    price: dec('95000000'),
    volume: volume('0.001'),
    executedVolume: volume('0'),
    executedFunds: krw('0'),
    state: 'wait',
    exchangeOrderId: 'u-1',
    identifier: null,
    placedAt: '2026-12-06T19:00:00+09:00',
    detectedAt: '2026-12-06T10:00:01.000Z',
    source: 'my-order',
    drift: null,
    policy: 'alert',
  },
  action: null,
  acknowledged: null,
};

/** Recording order-executor handlers: one open finding; any other finding id is not found. */
export function fakeOrderExecutor(received: Received[]): OpsHandlers<'order-executor'> {
  return {
    status: async (request, meta) => {
      received.push({ verb: 'status', data: request.data, meta });
      return {
        ok: true,
        exchange: 'http://127.0.0.1:8787',
        taking: true,
        access: { status: 'ok', problem: null },
        settings: {
          feeRate: dec('0.0005'),
          maxInFlight: 8,
          maxEntryAgeMs: 30_000,
          maxOpenPositions: null,
          maxExposurePerMarketKrw: krw('5000000'),
          partitions: 16,
        },
      };
    },
    account: async (request, meta) => {
      received.push({ verb: 'account', data: request.data, meta });
      return {
        ok: true,
        findings: [sampleFinding],
        openFindings: 1,
        foreignTrades: [
          {
            market: 'KRW-BTC',
            boughtVolume: volume('0.002'),
            boughtKrw: krw('190000'),
            soldVolume: volume('0'),
            soldKrw: krw('0'),
          },
        ],
        holdings: [
          {
            market: 'KRW-BTC',
            exchangeVolume: volume('1.002'),
            hogaVolume: volume('0.002'),
            unmanagedVolume: dec('1'),
          },
        ],
        checkedAt: '2026-12-06T10:00:05.000Z',
        policy: { foreignOrder: 'alert', balanceDrift: 'halt' },
      };
    },
    ack: async (request, meta) => {
      received.push({ verb: 'ack', data: request.data, meta });
      if (request.data.findingId !== sampleFinding.finding.findingId)
        return opsFailure('not-found', `no finding ${request.data.findingId}`);
      return {
        ok: true,
        finding: {
          ...sampleFinding,
          acknowledged: {
            issuedBy: request.data.issuedBy,
            reason: request.data.reason ?? '',
            at: '2026-12-06T10:01:00.000Z',
          },
        },
      };
    },
  };
}
