import { type Decimal, ZERO, truncateVolume } from '@hoga/model';
import type { BookLevel } from '../market/synthetic-book.js';
import type { Side } from './order.js';

/** What a taker wants from the book: a volume or a KRW budget, within a limit price. */
export interface TakerPlan {
  readonly side: Side;
  /** Worst acceptable price (limit orders); none for market orders. */
  readonly limit?: Decimal;
  /** Volume to trade (limit, market sell, best ask). */
  readonly volume?: Decimal;
  /** KRW to spend, fees excluded (market buy, best bid). */
  readonly funds?: Decimal;
  /** Trade only at the best price level with volume left (`best` orders). */
  readonly bestOnly?: boolean;
}

/** One execution at one price. */
export interface Execution {
  readonly price: Decimal;
  readonly volume: Decimal;
}

/** The executions of a plan, and whether they use up its whole volume or budget. */
export interface TakerResult {
  readonly executions: Execution[];
  readonly complete: boolean;
}

const crosses = (side: Side, levelPrice: Decimal, limit: Decimal | undefined): boolean =>
  limit === undefined || (side === 'bid' ? levelPrice.lte(limit) : levelPrice.gte(limit));

/**
 * Walks the opposite side of the book (best price first) and returns what the plan would
 * execute, without touching the book. Volumes are whole 8-decimal units; a budget stops when
 * what is left cannot buy one more unit (the dust a market buy gets refunded).
 */
export function planTaker(plan: TakerPlan, levels: readonly BookLevel[]): TakerResult {
  const executions: Execution[] = [];
  let volumeLeft = plan.volume;
  let fundsLeft = plan.funds;
  for (const level of levels) {
    if (!crosses(plan.side, level.price, plan.limit)) break;
    if (level.size.lte(0)) continue;
    let take = level.size;
    if (volumeLeft !== undefined && volumeLeft.lt(take)) take = volumeLeft;
    if (fundsLeft !== undefined) {
      const affordable = truncateVolume(fundsLeft.div(level.price));
      if (affordable.lt(take)) take = affordable;
    }
    if (take.lte(0)) break;
    executions.push({ price: level.price, volume: take });
    if (volumeLeft !== undefined) volumeLeft = volumeLeft.minus(take);
    if (fundsLeft !== undefined) fundsLeft = fundsLeft.minus(take.mul(level.price));
    if (volumeLeft?.isZero() || plan.bestOnly) break;
  }
  const last = executions[executions.length - 1];
  const complete =
    volumeLeft !== undefined
      ? volumeLeft.isZero()
      : last !== undefined && truncateVolume((fundsLeft ?? ZERO).div(last.price)).isZero();
  return { executions, complete };
}

/** Removes executed volumes from the book levels they were planned against. */
export function consumeLevels(
  levels: readonly BookLevel[],
  executions: readonly Execution[],
): void {
  for (const e of executions) {
    const level = levels.find((l) => l.price.eq(e.price));
    if (level) level.size = level.size.minus(e.volume);
  }
}

/** True when a limit order at `price` would trade at once against the book (post_only check). */
export function wouldTake(side: Side, price: Decimal, bestAsk: Decimal, bestBid: Decimal): boolean {
  return side === 'bid' ? price.gte(bestAsk) : price.lte(bestBid);
}

/** A resting limit order as the maker matcher sees it. */
export interface RestingOrder {
  readonly side: Side;
  readonly price: Decimal;
  readonly remaining: Decimal;
}

/**
 * Which resting orders a market trade at `tradePrice` fills, in time priority: bids at or
 * above it, asks at or below it, each at its own limit price. Orders at one price share
 * `capacity(price)` of volume per trade.
 */
export function planResting<T extends RestingOrder>(
  orders: readonly T[],
  tradePrice: Decimal,
  capacity: (price: Decimal) => Decimal,
): Array<{ order: T; execution: Execution }> {
  const pools = new Map<string, Decimal>();
  const out: Array<{ order: T; execution: Execution }> = [];
  for (const order of orders) {
    const touched =
      order.side === 'bid' ? tradePrice.lte(order.price) : tradePrice.gte(order.price);
    if (!touched || order.remaining.lte(0)) continue;
    const key = `${order.side}:${order.price.toString()}`;
    const pool = pools.get(key) ?? capacity(order.price);
    const take = order.remaining.lt(pool) ? order.remaining : pool;
    if (take.lte(0)) continue;
    pools.set(key, pool.minus(take));
    out.push({ order, execution: { price: order.price, volume: take } });
  }
  return out;
}
