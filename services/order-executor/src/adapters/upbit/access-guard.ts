import {
  accessRefusalOf,
  isUpbitApiError,
  isUpbitAuthError,
  type AccessRefusal,
  type UpbitClient,
} from '@hoga/upbit';
import type { CallKind } from '../../domain/exchange-access.js';

/** Who keeps the account's access: told of every answer, asked before every call. */
export interface AccessGuard {
  blocks(kind: CallKind): boolean;
  refused(refusal: AccessRefusal): void;
  accepted(kind: CallKind): void;
}

/**
 * A call was not sent because Upbit refuses access (the key, or the order permission for an
 * order write): nothing reached Upbit, so nothing was placed or cancelled.
 */
export class ExchangeAccessLostError extends Error {
  override readonly name = 'ExchangeAccessLostError';
  constructor(readonly kind: CallKind) {
    super(
      `not sent: Upbit access is lost (${kind === 'read' ? 'the API key is refused' : 'no order permission'})`,
    );
  }
}

/** True for {@link ExchangeAccessLostError}. */
export const isAccessLost = (e: unknown): e is ExchangeAccessLostError =>
  e instanceof ExchangeAccessLostError;

/**
 * Sends one call through the guard: not sent while blocked; a refusal tells the guard (one
 * state change, no alert per request); an answer that shows the key works tells it too (a
 * success, or an error about the request itself such as `order_not_found`).
 */
export async function guardedCall<A>(
  access: AccessGuard | undefined,
  kind: CallKind,
  send: () => Promise<A>,
): Promise<A> {
  if (access?.blocks(kind)) throw new ExchangeAccessLostError(kind);
  try {
    const answer = await send();
    access?.accepted(kind);
    return answer;
  } catch (error) {
    const refusal = accessRefusalOf(error);
    if (refusal) access?.refused(refusal);
    else if (isUpbitApiError(error) && !isUpbitAuthError(error)) access?.accepted(kind);
    throw error;
  }
}

/** Order endpoints that write (place, test, cancel); every other call is a read. */
const ORDER_WRITES = new Set<PropertyKey>(['place', 'test', 'cancel']);

/** One API object of the client with every method sent through {@link guardedCall}. */
function guardApi<T extends object>(api: T, access: AccessGuard, writes: Set<PropertyKey>): T {
  return new Proxy(api, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      const kind: CallKind = writes.has(prop) ? 'order-write' : 'read';
      return (...args: unknown[]) =>
        guardedCall(access, kind, () =>
          (value as (...a: unknown[]) => Promise<unknown>).apply(target, args),
        );
    },
  });
}

/**
 * The Upbit client as the executor's other readers (absence lists, the account watch) must see
 * it: its signed calls go through the access guard like the gateway's, so while the key is
 * refused nothing but the checks reaches Upbit. Quotation (public) calls are unchanged.
 */
export function guardedClient(client: UpbitClient, access: AccessGuard): UpbitClient {
  const guarded = Object.create(client) as UpbitClient & {
    orders: UpbitClient['orders'];
    account: UpbitClient['account'];
  };
  Object.defineProperty(guarded, 'orders', {
    value: guardApi(client.orders, access, ORDER_WRITES),
  });
  Object.defineProperty(guarded, 'account', { value: guardApi(client.account, access, new Set()) });
  return guarded;
}
