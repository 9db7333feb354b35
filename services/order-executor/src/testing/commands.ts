import { CancelOrder, PlaceOrder } from '@hoga/contracts';
import { decodeOrThrow } from '@hoga/model';

/** What a test says about an order; the rest is derived. */
export interface OrderSpec {
  readonly positionId: string;
  readonly leg?: 'entry' | 'exit';
  readonly attempt?: number;
  readonly market?: string;
  readonly kind?: 'market' | 'limit';
  readonly price?: string | null;
  readonly volume?: string | null;
  readonly totalKrw?: string | null;
}

/** The order id and Upbit identifier of a position's leg and attempt. */
export const orderIdOf = (positionId: string, leg: 'entry' | 'exit' = 'entry', attempt = 1) =>
  `${positionId}-${leg}-${attempt}`;
export const identifierOf = (positionId: string, leg: 'entry' | 'exit' = 'entry', attempt = 1) =>
  `hoga-${orderIdOf(positionId, leg, attempt)}`;

/** A PlaceOrder as the position-actor's relay would send it. */
export function placeOrder(spec: OrderSpec): PlaceOrder {
  const leg = spec.leg ?? 'entry';
  const attempt = spec.attempt ?? 1;
  const orderId = orderIdOf(spec.positionId, leg, attempt);
  return decodeOrThrow(PlaceOrder, {
    id: `cmd-${orderId}`,
    type: 'PlaceOrder',
    occurredAt: new Date().toISOString(),
    causationId: null,
    correlationId: spec.positionId,
    data: {
      positionId: spec.positionId,
      orderId,
      identifier: identifierOf(spec.positionId, leg, attempt),
      leg,
      attempt,
      market: spec.market ?? 'KRW-BTC',
      side: leg === 'entry' ? 'bid' : 'ask',
      kind: spec.kind ?? 'market',
      price: spec.price ?? null,
      volume: spec.volume ?? null,
      totalKrw: spec.totalKrw ?? null,
    },
  });
}

/** A market buy of `totalKrw`. */
export const marketBuy = (positionId: string, totalKrw: string, attempt = 1) =>
  placeOrder({ positionId, totalKrw, attempt });

/** A market sell of `volume`. */
export const marketSell = (positionId: string, volume: string) =>
  placeOrder({ positionId, leg: 'exit', volume });

/** A limit buy. */
export const limitBuy = (positionId: string, price: string, volume: string) =>
  placeOrder({ positionId, kind: 'limit', price, volume });

/** Cancels the entry order of a position. */
export function cancelEntry(positionId: string): CancelOrder {
  const orderId = orderIdOf(positionId);
  return decodeOrThrow(CancelOrder, {
    id: `cancel-${orderId}`,
    type: 'CancelOrder',
    occurredAt: new Date().toISOString(),
    causationId: null,
    correlationId: positionId,
    data: { positionId, orderId, identifier: identifierOf(positionId) },
  });
}
