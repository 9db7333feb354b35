import { inSpan, tracingOn, type Span } from '@hoga/telemetry';
import type { OrdersRepository } from '../adapters/db/orders.repository.js';

/** Where a fill was learnt: the private WebSocket (`myOrder`) or a REST order lookup. */
export type FillSource = 'myOrder' | 'rest';

/**
 * Runs `fn` (recording what Upbit says of an order: its fills) in a span continuing the trace of
 * the command that placed the order, stored with the order row: a fill minutes later still
 * joins its decision's trace (ADR 0057). Untraced order or tracing off: `fn` runs as it is.
 */
export async function inOrderTrace<T>(
  orders: OrdersRepository,
  orderId: string,
  source: FillSource,
  fn: (span: Span | undefined) => Promise<T>,
): Promise<T> {
  if (!tracingOn()) return fn(undefined);
  const parent = await orders.traceOf(orderId);
  if (parent['traceparent'] === undefined) return fn(undefined);
  const attributes = { 'hoga.order.id': orderId, 'hoga.fill.source': source };
  return inSpan(`fill ${source}`, { parent, attributes }, fn);
}
