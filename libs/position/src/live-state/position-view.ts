import type { PositionState } from '@hoga/contracts';
import type { Decimal, Price } from '@hoga/model';
import type { PositionSnapshot } from '../machine/position-snapshot.js';
import type { ExitLevels } from '../evaluator/exit-levels.js';
import { exitPrices } from '../evaluator/exit-prices.js';
import { exitLevelsOf } from '../evaluator/price-watch.js';
import { averagePrice, heldVolume, realizedPnl, unrealizedPnl } from './position-money.js';

/** The published view of a position (`subjects.positionState(id)`), without its envelope. */
export type PositionStateData = PositionState['data'];

/** Tick-driven figures the snapshot does not hold. */
export interface MarketView {
  readonly lastPrice: Price | null;
  readonly peakPrice: Price | null;
  /**
   * The evaluator's levels (its `PriceWatch`), when the caller has them; otherwise computed from
   * the snapshot with the same `exitLevels`.
   */
  readonly levels?: ExitLevels | null;
}

/**
 * The live view of an opened position: holdings, average entry, peak and last price (the last
 * tick seen, else the position's last trade), unrealized PnL after the exit fee at that last
 * price and realized PnL from the trades; once active, when it entered and its exit levels on
 * the tick grid (`exitPrices`: the trailing stop for the peak shown). Throws for a position
 * that has not opened.
 */
export function positionStateData(
  s: PositionSnapshot,
  market: MarketView,
  feeRate: Decimal,
): PositionStateData {
  const c = s.context;
  if (s.status === 'unopened' || c.info === null)
    throw new Error('a position that has not opened has no state to publish');
  const levels = market.levels === undefined ? exitLevelsOf(s) : market.levels;
  const peak = market.peakPrice ?? c.peakPrice ?? c.activation?.avgEntryPrice ?? null;
  return {
    positionId: c.info.positionId,
    strategyId: c.info.strategyId,
    market: c.info.market,
    status: s.status,
    paused: c.paused,
    volume: heldVolume(c),
    avgEntryPrice: c.activation?.avgEntryPrice ?? averagePrice(c.bought),
    peakPrice: market.peakPrice ?? c.peakPrice,
    lastPrice: market.lastPrice ?? c.lastTradePrice,
    unrealizedPnlKrw: unrealizedPnl(c, market.lastPrice ?? c.lastTradePrice, feeRate),
    realizedPnlKrw: realizedPnl(c),
    exitReason: c.closed?.reason ?? c.exit?.reason ?? null,
    enteredAt: c.activation?.at ?? null,
    exitLevels: levels === null ? null : exitPrices(levels, peak),
    failure:
      s.status === 'error' && c.failure !== null
        ? { cause: c.failure.cause, code: c.failure.code }
        : null,
    version: s.version,
  };
}
