import type { Decimal } from '@hoga/model';

/** What `decide` needs besides the position and the input. No clock, no randomness. */
export interface DecideContext {
  /** The decision time (ISO-8601): every event's `occurredAt`. */
  readonly now: string;
  /** The exchange fee rate (Upbit KRW markets: 0.0005; read it from `/v1/orders/chance`). */
  readonly feeRate: Decimal;
}
