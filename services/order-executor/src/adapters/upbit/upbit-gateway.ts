import {
  isOrderNotFound,
  isUpbitApiError,
  isUpbitAuthError,
  type UpbitAccount,
  type UpbitClient,
} from '@hoga/upbit';
import type { CallKind } from '../../domain/exchange-access.js';
import type { ExchangeOrder } from '../../domain/exchange-order.js';
import type { OrderRecord } from '../../domain/order-record.js';
import { upbitOrderRequest } from '../../domain/upbit-order-request.js';
import { guardedCall, type AccessGuard } from './access-guard.js';
import { toExchangeOrder } from './exchange-order.mapper.js';

/** Which order to look up: by Upbit uuid or by our identifier. */
export type ExchangeRef = { readonly uuid: string } | { readonly identifier: string };

const PAGE = 100;

/** An order Upbit validates without placing it (`POST /v1/orders/test`): 5,000 KRW on the grid. */
const PERMISSION_TEST = {
  market: 'KRW-BTC',
  side: 'bid',
  ord_type: 'limit',
  price: '5000',
  volume: '1',
} as const;

/**
 * The Upbit calls the executor makes, in its own terms. Errors are the client's typed errors.
 * With an {@link AccessGuard}, every answer tells it whether Upbit still accepts the key, and a
 * call it blocks is not sent (`ExchangeAccessLostError`): while access is lost only the guard's
 * checks ({@link UpbitGateway.checkAccess}) reach Upbit.
 */
export class UpbitGateway {
  constructor(
    private readonly client: UpbitClient,
    private readonly access?: AccessGuard,
  ) {}

  /** `POST /v1/orders` with the order's identifier; the 201 body. */
  place(order: OrderRecord): Promise<ExchangeOrder> {
    return this.#call('order-write', async () =>
      toExchangeOrder(await this.client.orders.place(upbitOrderRequest(order))),
    );
  }

  /** `GET /v1/order` with trades; null when Upbit answers `order_not_found`. */
  lookup(ref: ExchangeRef): Promise<ExchangeOrder | null> {
    return this.#call('read', async () => {
      try {
        return toExchangeOrder(await this.client.orders.get(ref));
      } catch (error) {
        if (isOrderNotFound(error)) return null;
        throw error;
      }
    });
  }

  /** Every open (wait/watch) order of the account, all pages. */
  openOrders(): Promise<ExchangeOrder[]> {
    return this.#call('read', async () => {
      const all: ExchangeOrder[] = [];
      for (let page = 1; ; page++) {
        const batch = await this.client.orders.open({
          states: ['wait', 'watch'],
          page,
          limit: PAGE,
        });
        all.push(...batch.map(toExchangeOrder));
        if (batch.length < PAGE) return all;
      }
    });
  }

  /** `DELETE /v1/order` by uuid: `accepted`, or `finished` when Upbit no longer has it open. */
  cancel(uuid: string): Promise<'accepted' | 'finished'> {
    return this.#call('order-write', async () => {
      try {
        await this.client.orders.cancel({ uuid });
        return 'accepted' as const;
      } catch (error) {
        if (isOrderNotFound(error)) return 'finished' as const;
        throw error;
      }
    });
  }

  /** `GET /v1/accounts`. */
  balances(): Promise<readonly UpbitAccount[]> {
    return this.#call('read', () => this.client.account.balances());
  }

  /**
   * One check of access past the guard: `GET /v1/accounts` for the key, `POST /v1/orders/test`
   * for the order permission (an answer about the order itself, such as insufficient funds,
   * proves the permission). Resolves when access works; throws the refusal otherwise.
   */
  async checkAccess(kind: CallKind): Promise<void> {
    if (kind === 'read') {
      await this.client.account.balances();
      return;
    }
    try {
      await this.client.orders.test(PERMISSION_TEST);
    } catch (error) {
      if (isUpbitApiError(error) && !isUpbitAuthError(error)) return;
      throw error;
    }
  }

  #call<A>(kind: CallKind, send: () => Promise<A>): Promise<A> {
    return guardedCall(this.access, kind, send);
  }
}
