import { RiskState, type TradingState } from '@hoga/contracts';
import { decodeOrThrow } from '@hoga/model';

/** A risk guard's `RiskState` in `state`, as it writes it to KV `hoga-risk`. */
export function riskState(state: TradingState): RiskState {
  return decodeOrThrow(RiskState, {
    id: `risk-${state}-${Date.now()}`,
    type: 'RiskState',
    occurredAt: new Date().toISOString(),
    causationId: null,
    correlationId: 'risk',
    data: {
      state,
      reason: 'test',
      since: null,
      lossLimit: null,
      evaluation: null,
      unrealizedPnlKrw: '0',
      exposureKrw: '0',
      holdingPositions: 0,
    },
  });
}
