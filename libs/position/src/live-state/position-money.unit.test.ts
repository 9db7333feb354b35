import { equal } from 'node:assert/strict';
import type { Fill } from '@hoga/contracts';
import { dec, type Krw, type OrderId, type Price, type Volume } from '@hoga/model';
import { addTrade } from './order-track.js';
import { EMPTY_CONTEXT, NO_TRADES, type PositionContext } from './position-context.js';
import {
  averagePrice,
  costBasis,
  heldVolume,
  realizedPnl,
  totalFees,
  unrealizedPnl,
} from './position-money.js';

const fill = (volume: string, price: string, fee: string): Fill => ({
  orderId: 'o' as OrderId,
  tradeUuid: `${volume}@${price}`,
  price: dec(price) as Price,
  volume: dec(volume) as Volume,
  funds: dec(volume).mul(price) as Krw,
  fee: dec(fee) as Krw,
  at: '2026-11-23T00:00:00Z',
});
const trades = (...fills: Fill[]) => fills.reduce(addTrade, NO_TRADES);
const position = (bought: Fill[], sold: Fill[]): PositionContext => ({
  ...EMPTY_CONTEXT,
  bought: trades(...bought),
  sold: trades(...sold),
});

describe('position money', () => {
  const bought = [fill('0.001', '100000000', '50'), fill('0.001', '102000000', '51')];

  it('holds bought minus sold; cost basis = entry funds + entry fees; average price without fees', () => {
    const c = position(bought, [fill('0.0005', '105000000', '26.25')]);
    equal(heldVolume(c).toString(), '0.0015');
    equal(costBasis(c).toString(), '202101');
    equal(averagePrice(c.bought)?.toString(), '101000000');
    equal(totalFees(c).toString(), '127.25');
  });
  it('realizes PnL as exit funds − exit fees − the proportional cost basis of the sold volume', () => {
    const c = position(bought, [fill('0.0005', '105000000', '26.25')]);
    // 52,500 − 26.25 − 202,101 x 0.0005 / 0.002 = 52,473.75 − 50,525.25
    equal(realizedPnl(c).toString(), '1948.5');
  });
  it('gives the same realized PnL whatever order the fills arrived in', () => {
    const sold = [fill('0.0007', '99000000', '34.65'), fill('0.0013', '98000000', '63.7')];
    equal(
      realizedPnl(position(bought, sold)).toString(),
      realizedPnl(position([...bought].reverse(), [...sold].reverse())).toString(),
    );
    equal(realizedPnl(position(bought, sold)).toString(), '-5499.35');
  });
  it('realizes a full exit to the exact sum of the trades, even with fees of 9+ decimals', () => {
    // Found by the e2e take-profit test: fees of funds x 0.0005 carry 9 decimals, and rounding
    // the cost of the whole position to 1e-8 KRW put the PnL 5e-9 KRW off the exchange's sum.
    const entry = fill('0.00071429', '139930000', '49.974999745');
    const exit = fill('0.00071429', '144130000', '51.473235255');
    const c = position([entry], [exit]);
    const expected = exit.funds.minus(exit.fee).minus(entry.funds).minus(entry.fee);
    equal(realizedPnl(c).toString(), expected.toString());
  });
  it('marks unrealized PnL after the exit fee, and zero without a price or a holding', () => {
    const c = position(bought, []);
    // 0.002 x 110,000,000 x 0.9995 − 202,101
    equal(unrealizedPnl(c, dec(110_000_000) as Price, dec('0.0005')).toString(), '17789');
    equal(unrealizedPnl(c, null, dec('0.0005')).toString(), '0');
    equal(unrealizedPnl(EMPTY_CONTEXT, dec(1) as Price, dec('0.0005')).toString(), '0');
  });
});
