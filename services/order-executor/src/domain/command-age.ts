import type { OrderRecord } from './order-record.js';

/** The verdict on an order's age when it comes to be sent (ADR 0030). */
export type AgeVerdict =
  | { readonly expired: false }
  | { readonly expired: true; readonly ageMs: number; readonly detail: string };

/**
 * An entry may be sent only within `maxAgeMs` of the position's decision (the PlaceOrder's
 * `occurredAt`, kept as `decidedAt`; rows stored before it was kept count from `createdAt`):
 * an entry decided at one price and sent minutes later is a different trade. Exits are never
 * refused for age (the coins must be sold whatever the delay). A decision time in the future
 * (clock skew between hosts) counts as age 0.
 */
export function judgeAge(
  order: Pick<OrderRecord, 'leg' | 'decidedAt' | 'createdAt'>,
  now: Date,
  maxAgeMs: number,
): AgeVerdict {
  if (order.leg !== 'entry') return { expired: false };
  const decided = order.decidedAt ?? order.createdAt;
  const ageMs = Math.max(0, now.getTime() - decided.getTime());
  if (ageMs <= maxAgeMs) return { expired: false };
  return {
    expired: true,
    ageMs,
    detail: `entry decided at ${decided.toISOString()}, ${ageMs} ms before it could be sent (at most ${maxAgeMs} ms): not sent`,
  };
}
