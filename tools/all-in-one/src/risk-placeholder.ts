import { randomUUID } from 'node:crypto';
import type { Bus } from '@hoga/bus';
import { RISK_KV_KEY, RiskState, kv } from '@hoga/contracts';
import { decodeOrThrow } from '@hoga/model';

/**
 * Until risk-guard exists (Stage 5) nobody writes the trading state, and order-executor fails
 * closed (an unreadable state is HALTED). The engine writes `ACTIVE`, with no loss limit, when
 * the key is absent; a state already there (an operator's halt, a later risk-guard) is kept.
 * Returns whether it wrote one.
 */
export async function ensureTradingState(bus: Bus, now = new Date()): Promise<boolean> {
  const bucket = await bus.kv(kv.risk());
  if ((await bucket.get(RISK_KV_KEY)) !== undefined) return false;
  const id = `all-in-one-${randomUUID()}`;
  const state = decodeOrThrow(RiskState, {
    id,
    type: 'RiskState',
    occurredAt: now.toISOString(),
    causationId: null,
    correlationId: id,
    data: {
      state: 'ACTIVE',
      reason: 'all-in-one: no risk-guard yet (Stage 5); no loss limit armed',
      since: now.toISOString(),
      lossLimit: null,
      evaluation: null,
      unrealizedPnlKrw: '0',
      exposureKrw: '0',
      holdingPositions: 0,
    },
  });
  await bucket.put(RISK_KV_KEY, state);
  return true;
}
