import { createHash } from 'node:crypto';

/** What an event of an order says; one event of each kind per order (fills: per trade). */
export type OrderEventKind =
  | 'accepted'
  | 'filled'
  | 'completed'
  | 'rejected'
  | 'denied'
  | 'unknown'
  | 'not-placed'
  | 'cancelled';

const MAX_ID = 128;

/**
 * The deterministic id of an order event: `<orderId>.<kind>`, or `<orderId>.filled.<tradeUuid>`.
 * Recording or publishing the same fact twice yields the same id, so the outbox insert, the
 * JetStream `Nats-Msg-Id` and consumers all deduplicate it. A trade uuid that would make the id
 * longer than 128 characters is replaced by its SHA-256 prefix.
 */
export function orderEventId(orderId: string, kind: OrderEventKind, tradeUuid?: string): string {
  if (kind !== 'filled') return `${orderId}.${kind}`;
  if (tradeUuid === undefined) throw new TypeError('a fill event needs its trade uuid');
  const plain = `${orderId}.filled.${tradeUuid}`;
  if (plain.length <= MAX_ID) return plain;
  return `${orderId}.filled.h${createHash('sha256').update(tradeUuid).digest('hex').slice(0, 40)}`;
}
