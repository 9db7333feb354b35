import { isOpen, type Order } from './order.js';

/** A reference to an order: `uuid` wins over `identifier` when both are given. */
export interface OrderRef {
  readonly uuid?: string | undefined;
  readonly identifier?: string | undefined;
}

/** Every accepted order, by uuid, by (account, identifier), and the resting ones per market. */
export class OrderIndex {
  private readonly orders: Order[] = [];
  private readonly byUuid = new Map<string, Order>();
  private readonly byIdentifier = new Map<string, Order>();
  private readonly resting = new Map<string, Order[]>();

  /** Records an accepted order (after its first matching: it rests only if still open). */
  add(order: Order): void {
    this.orders.push(order);
    this.byUuid.set(order.uuid, order);
    if (order.identifier !== undefined)
      this.byIdentifier.set(key(order.accessKey, order.identifier), order);
    if (!isOpen(order)) return;
    const list = this.resting.get(order.market);
    if (list) list.push(order);
    else this.resting.set(order.market, [order]);
  }

  /** The order of this account with this uuid (preferred) or identifier. */
  find(accessKey: string, ref: OrderRef): Order | undefined {
    if (ref.uuid !== undefined) {
      const order = this.byUuid.get(ref.uuid);
      return order?.accessKey === accessKey ? order : undefined;
    }
    return ref.identifier !== undefined
      ? this.byIdentifier.get(key(accessKey, ref.identifier))
      : undefined;
  }

  /** Every order, oldest first (optionally of one account). */
  all(accessKey?: string): Order[] {
    return accessKey === undefined
      ? [...this.orders]
      : this.orders.filter((o) => o.accessKey === accessKey);
  }

  /** The open limit orders of a market, oldest first (time priority). */
  restingIn(market: string): Order[] {
    return this.resting.get(market) ?? [];
  }

  /** Forgets orders of a market that are no longer open. */
  prune(market: string): void {
    this.resting.set(market, this.restingIn(market).filter(isOpen));
  }
}

const key = (accessKey: string, identifier: string): string => `${accessKey}\u0000${identifier}`;
