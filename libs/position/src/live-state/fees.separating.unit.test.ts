import { equal } from 'node:assert/strict';
import type { OrderRequest } from '@hoga/contracts';
import { dec, type Market, type OrderId, type Volume } from '@hoga/model';
import { refusedUnderMinimum } from './fees.js';
import { newOrder, withFailure } from './order-track.js';
import type { OrderFailureCause } from './position-context.js';

/** Which refusals make leftover coins dust (issue 15 item 10: inputs that separate the cases). */
const order = (leg: 'entry' | 'exit'): OrderRequest => ({
  orderId: `pos-1-${leg === 'exit' ? 'x' : 'e'}1` as OrderId,
  identifier: `pos-1-${leg === 'exit' ? 'x' : 'e'}1`,
  leg,
  attempt: 1,
  market: 'KRW-BTC' as Market,
  side: leg === 'exit' ? 'ask' : 'bid',
  kind: 'market',
  price: null,
  volume: leg === 'exit' ? (dec('0.00001') as Volume) : null,
  totalKrw: leg === 'exit' ? null : (dec(5000) as never),
});
const failed = (leg: 'entry' | 'exit', cause: OrderFailureCause, code: string | null) =>
  refusedUnderMinimum(withFailure(newOrder(order(leg)), cause, code));

describe('fees: an exit refused under the minimum', () => {
  it('is an exit rejected by Upbit or denied by the pre-trade check for the minimum', () => {
    equal(failed('exit', 'rejected', 'under_min_total_ask'), true);
    equal(failed('exit', 'denied', 'under-min-total'), true);
  });
  it('is not an entry refused for the minimum', () => {
    equal(failed('entry', 'rejected', 'under_min_total_ask'), false);
    equal(failed('entry', 'denied', 'under-min-total'), false);
  });
  it('is not an exit refused for another reason, nor one that never reached a check', () => {
    equal(failed('exit', 'rejected', 'insufficient_funds_ask'), false);
    equal(failed('exit', 'rejected', null), false);
    equal(failed('exit', 'not-placed', 'under-min-total'), false);
    equal(failed('exit', 'expired', 'under_min_total_ask'), false);
    equal(refusedUnderMinimum(newOrder(order('exit'))), false, 'a live order');
  });
});
