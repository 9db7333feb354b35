import type { Decimal } from '@hoga/model';
import type { Logger } from '@hoga/telemetry';
import type { OrderTx } from '../adapters/db/order-transactions.js';
import type { ExchangeOrder } from '../domain/exchange-order.js';
import type { Trade } from '../domain/order-record.js';
import { planSnapshot } from '../domain/snapshot-plan.js';

/** What applying a snapshot did. */
export interface SnapshotApplied {
  readonly newTrades: number;
  readonly completed: boolean;
}

/**
 * Applies an Upbit snapshot to an `open` order inside its transaction: records each unrecorded
 * trade (an `OrderFilled` only for a trade this insert created), refreshes Upbit's figures, and
 * completes the order once Upbit has finished it and every trade is recorded (`OrderCancelled`
 * first when we had asked for the cancel, then `OrderCompleted`).
 */
export async function applySnapshotIn(
  tx: OrderTx,
  snapshot: ExchangeOrder,
  feeRate: Decimal,
  logger: Logger,
): Promise<SnapshotApplied> {
  const plan = planSnapshot(snapshot, await tx.trades(), feeRate);
  let newTrades = 0;
  for (const trade of plan.newTrades) if (await recordFill(tx, snapshot.uuid, trade)) newTrades++;
  const figures = {
    volume: snapshot.executedVolume.toString(),
    funds: (
      plan.completion?.executedFunds ??
      snapshot.executedFunds ??
      tx.order.executedFunds
    ).toString(),
    paidFee: snapshot.paidFee.toString(),
    tradesCount: snapshot.tradesCount,
  };
  if (plan.gap !== null)
    logger.warn('order finished on Upbit but trades are missing: polling again', {
      orderId: tx.order.orderId,
      gap: plan.gap,
    });
  if (plan.completion === null) {
    await tx.update({ executed: figures });
    return { newTrades, completed: false };
  }
  await tx.update({ state: plan.completion.state, executed: figures });
  if (plan.completion.state === 'cancel' && tx.order.cancelRequestedAt !== null)
    await tx.append(tx.events.cancelled(snapshot.uuid));
  await tx.append(tx.events.completed(snapshot.uuid, plan.completion));
  return { newTrades, completed: true };
}

/** Records one trade; an `OrderFilled` is appended only when the trade uuid was new. */
export async function recordFill(
  tx: OrderTx,
  exchangeUuid: string,
  trade: Trade,
): Promise<boolean> {
  const inserted = await tx.recordTrade(trade);
  if (inserted) await tx.append(tx.events.filled(exchangeUuid, trade));
  return inserted;
}
