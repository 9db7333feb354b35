import type { Decimal } from '@hoga/model';
import type { SyntheticBook } from '../market/synthetic-book.js';
import type { FeeRates } from './fees.js';
import type { Ledger } from './ledger.js';
import {
  consumeLevels,
  planTaker,
  wouldTake,
  type Execution,
  type TakerPlan,
} from './matching-engine.js';
import type { Fill, Order } from './order.js';
import { closeOrder, settleFill } from './settlement.js';

/** What executing an order needs from the exchange around it. */
export interface ExecutionContext {
  readonly ledger: Ledger;
  readonly rates: FeeRates;
  readonly now: number;
  /** The market's last price (to tell a fill's trend). */
  readonly lastPrice: Decimal;
  newId(): string;
  /** Called after each fill is settled. */
  traded(order: Order, fill: Fill): void;
  /** Called after the order reached `done` or `cancel`. */
  closed(order: Order): void;
}

function planOf(o: Order): TakerPlan {
  const funds = o.remainingFunds;
  const base = { side: o.side, bestOnly: o.ordType === 'best' };
  if (o.ordType === 'limit') return { ...base, limit: o.price!, volume: o.remainingVolume! };
  return funds !== undefined ? { ...base, funds } : { ...base, volume: o.remainingVolume! };
}

/** Settles executions as fills of `o`. */
export function applyExecutions(
  o: Order,
  executions: readonly Execution[],
  isMaker: boolean,
  ctx: ExecutionContext,
): void {
  for (const e of executions) {
    const trend = e.price.gte(ctx.lastPrice) ? 'up' : 'down';
    const fill = settleFill(o, ctx.ledger, e.price, e.volume, {
      rates: ctx.rates,
      isMaker,
      uuid: ctx.newId(),
      trend,
      at: ctx.now,
    });
    ctx.traded(o, fill);
  }
}

/** Ends an order: `done` when nothing is left to trade, else `cancel` (refunding what is locked). */
export function finish(o: Order, ctx: ExecutionContext, state?: 'done' | 'cancel'): void {
  const left = o.remainingFunds ?? o.remainingVolume;
  closeOrder(
    o,
    ctx.ledger,
    state ?? (left === undefined || left.isZero() ? 'done' : 'cancel'),
    ctx.now,
  );
  ctx.closed(o);
}

/**
 * Runs a newly accepted order against the book: limit orders take what crosses and rest;
 * `ioc` cancels the rest; `fok` fills completely or not at all; `post_only` is cancelled when
 * it would take; market and best orders take and end (a market buy's dust ends it `cancel`).
 */
export function executeIncoming(o: Order, book: SyntheticBook, ctx: ExecutionContext): void {
  if (o.timeInForce === 'post_only') {
    if (wouldTake(o.side, o.price!, book.bestAsk, book.bestBid)) finish(o, ctx, 'cancel');
    return;
  }
  const levels = book.opposite(o.side);
  const { executions, complete } = planTaker(planOf(o), levels);
  if (o.timeInForce === 'fok' && !complete) {
    finish(o, ctx, 'cancel');
    return;
  }
  consumeLevels(levels, executions);
  applyExecutions(o, executions, false, ctx);
  const rests = o.ordType === 'limit' && o.timeInForce === undefined;
  const left = o.remainingFunds ?? o.remainingVolume;
  if (!rests || left === undefined || left.isZero()) finish(o, ctx);
}
