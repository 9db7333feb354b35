import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import {
  dec,
  DEFAULT_FEE_RATE,
  type Krw,
  type Market,
  type PositionId,
  type Price,
  type StrategyId,
  type Volume,
} from '@hoga/model';
import type { PositionInfo } from '../live-state/position-context.js';
import { entryOrder, exitOrder, limitPrice } from './order-requests.js';

const info = (budget = 200000): PositionInfo => ({
  positionId: 'pos-1' as PositionId,
  strategyId: 's' as StrategyId,
  market: 'KRW-BTC' as Market,
  budgetKrw: dec(budget) as Krw,
  strategy: {},
  openedBy: 'cli:test',
  openedAt: '2026-11-23T00:00:00Z',
});
const limit = (offsetTicks: number) => ({ limit: { offsetTicks } });
const P = (x: number | string) => dec(x) as Price;

describe('order requests', () => {
  it('places limit prices on the grid, patient with a positive offset, crossing with a negative one', () => {
    equal(limitPrice(P(100_000_500), 'bid', 0).toString(), '100000000');
    equal(limitPrice(P(100_000_500), 'ask', 0).toString(), '100001000');
    equal(limitPrice(P(100_000_000), 'bid', 2).toString(), '99998000');
    equal(limitPrice(P(100_000_000), 'ask', -1).toString(), '99999000');
    equal(limitPrice(P('1'), 'bid', 100).toString(), '0.01', 'never at or below zero');
  });
  it('rounds a price shifted across a band bound onto the new band: asks up, bids down', () => {
    // 9,995 (tick 5) + 2 ticks = 10,005, off the 10-won grid above 10,000: an ask goes up
    equal(limitPrice(P(9_995), 'ask', 2).toString(), '10010');
    // a crossing bid (negative offset) lands on 10,005 too: a bid goes down
    equal(limitPrice(P(9_995), 'bid', -2).toString(), '10000');
    // 4,999 (tick 1) + 2 ticks = 5,001, off the 5-won grid: up is 5,005 where nearest is 5,000
    equal(limitPrice(P(4_999), 'ask', 2).toString(), '5005');
  });
  it('sizes the entry within the budget, fee on top, and refuses below the minimum', () => {
    const market = entryOrder(info(), 'market', 1, null, DEFAULT_FEE_RATE);
    ok('order' in market);
    deepStrictEqual(
      [
        market.order.orderId,
        market.order.kind,
        market.order.totalKrw?.toString(),
        market.order.volume,
      ],
      ['pos-1-e1', 'market', '199900', null],
    );
    const lim = entryOrder(info(), limit(1), 1, P(100_000_000), DEFAULT_FEE_RATE);
    ok('order' in lim);
    deepStrictEqual(
      [lim.order.price?.toString(), lim.order.volume?.toString()],
      ['99999000', '0.00199902'],
    );
    deepStrictEqual(entryOrder(info(), limit(0), 1, null, DEFAULT_FEE_RATE), {
      waitForPrice: true,
    });
    ok('refused' in entryOrder(info(5000), 'market', 1, null, DEFAULT_FEE_RATE));
    ok('order' in entryOrder(info(5003), 'market', 1, null, DEFAULT_FEE_RATE));
  });
  it('refuses a limit buy under 5,000 KRW after the fee, and places one of exactly 5,000', () => {
    // Given a budget that, fee on top, buys exactly 5,000 KRW at the bid: placed
    const exact = entryOrder(info(5002.5), limit(0), 1, P(100_000_000), DEFAULT_FEE_RATE);
    ok('order' in exact);
    deepStrictEqual(
      [exact.order.price?.toString(), exact.order.volume?.toString(), exact.order.kind],
      ['100000000', '0.00005', 'limit'],
    );
    // A budget of 5,000 itself is not enough: the fee comes on top (4,997 KRW of coins)
    deepStrictEqual(entryOrder(info(5000), limit(0), 1, P(100_000_000), DEFAULT_FEE_RATE), {
      refused: 'limit buy of 0.00004997 at 100000000 is below the 5,000 KRW minimum',
    });
    // One hundredth of a won short: 4,999 KRW at 100,000,000 (volume truncated to 8 decimals)
    ok('refused' in entryOrder(info(5002.49), limit(0), 1, P(100_000_000), DEFAULT_FEE_RATE));
    // 4,999.9 KRW at a price of 1,000: a fraction of a won under the minimum is refused
    deepStrictEqual(entryOrder(info(5002.4), limit(0), 1, P(1000), DEFAULT_FEE_RATE), {
      refused: 'limit buy of 4.99990004 at 1000 is below the 5,000 KRW minimum',
    });
    const atThousand = entryOrder(info(5002.5), limit(0), 1, P(1000), DEFAULT_FEE_RATE);
    ok('order' in atThousand);
    equal(atThousand.order.volume?.toString(), '5');
  });
  it('refuses a market buy whose total after the fee is under 5,000 KRW, places exactly 5,000', () => {
    deepStrictEqual(entryOrder(info(5002), 'market', 1, null, DEFAULT_FEE_RATE), {
      refused: 'budget 5,002 KRW leaves 4,999 KRW after the fee, below the 5,000 KRW minimum',
    });
    const exact = entryOrder(info(5002.5), 'market', 1, null, DEFAULT_FEE_RATE);
    ok('order' in exact);
    equal(exact.order.totalKrw?.toString(), '5000');
  });
  it('sizes the limit buy from the bid after its offset, not from the reference price', () => {
    // 2 ticks under 1,000,000 = 998,000; the volume is budget / (1.0005 x 998,000)
    const lim = entryOrder(info(100_000), limit(2), 1, P(1_000_000), DEFAULT_FEE_RATE);
    ok('order' in lim);
    deepStrictEqual(
      [lim.order.price?.toString(), lim.order.volume?.toString(), lim.order.side],
      ['998000', '0.10015032', 'bid'],
    );
  });
  it('sells at market for protective exits, closes, halts and retries; in the spec style otherwise', () => {
    const volume = dec('0.001') as Volume;
    for (const reason of ['stop-loss', 'trailing-stop', 'operator-close', 'risk-halt'] as const)
      equal(exitOrder(info(), limit(1), reason, 1, volume, P(1e8)).kind, 'market');
    const tp = exitOrder(info(), limit(1), 'take-profit', 1, volume, P(1e8));
    deepStrictEqual(
      [tp.kind, tp.price?.toString(), tp.side, tp.orderId],
      ['limit', '100001000', 'ask', 'pos-1-x1'],
    );
    equal(exitOrder(info(), limit(1), 'take-profit', 2, volume, P(1e8)).kind, 'market');
    equal(exitOrder(info(), limit(1), 'time-limit', 1, volume, null).kind, 'market');
  });
});
