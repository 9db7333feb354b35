import type * as t from 'io-ts';
import type { AccountFinding } from '../account-findings.codec.js';

/**
 * A foreign limit bid found on the account (as the wire carries it), for tests: `u-1` names the
 * exchange order (`foreign-order:u-1`); `at` sets when it was placed and detected.
 */
export function foreignOrderFinding(
  exchangeOrderId: string,
  at: { readonly placedAt: string; readonly detectedAt: string },
  source: 'open-orders' | 'my-order' = 'open-orders',
): t.OutputOf<typeof AccountFinding> {
  return {
    findingId: `foreign-order:${exchangeOrderId}`,
    kind: 'foreign-order',
    market: 'KRW-BTC',
    side: 'bid',
    ordType: 'limit',
    price: '95000000',
    volume: '0.001',
    executedVolume: '0',
    executedFunds: '0',
    state: 'wait',
    exchangeOrderId,
    identifier: null,
    placedAt: at.placedAt,
    detectedAt: at.detectedAt,
    source,
    drift: null,
    policy: 'alert',
  };
}
