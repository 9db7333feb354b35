import * as E from 'fp-ts/lib/Either.js';
import type { OrderDenialReason } from '@hoga/contracts';
import { checkOrder, type PreTradeContext } from '@hoga/risk';
import type { OrderRecord } from './order-record.js';

/** A pre-trade verdict: pass, or the first denial's reason with every denial's message. */
export type PreTradeVerdict =
  | { readonly pass: true }
  | { readonly pass: false; readonly reason: OrderDenialReason; readonly detail: string };

/**
 * Runs libs/risk's checks on an order. Exits pass the trading-state and cap checks in every
 * state (libs/risk); the executor passes a trading state it could not read as `HALTED`, so an
 * entry then fails closed.
 */
export function preTradeVerdict(order: OrderRecord, ctx: PreTradeContext): PreTradeVerdict {
  const result = checkOrder(
    {
      side: order.side,
      kind: order.kind,
      market: order.market,
      leg: order.leg,
      price: order.price,
      volume: order.volume,
      totalKrw: order.totalKrw,
    },
    ctx,
  );
  if (E.isRight(result)) return { pass: true };
  const [first] = result.left;
  return {
    pass: false,
    reason: first.code,
    detail: result.left.map((d) => d.message).join('; '),
  };
}
