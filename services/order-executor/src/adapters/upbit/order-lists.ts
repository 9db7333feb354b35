import type { UpbitClient, UpbitOrder } from '@hoga/upbit';
import type { ListView, ListViews, SendWindow } from '../../domain/absence-rule.js';

/** `GET /v1/orders/open` page size (Upbit's maximum). */
const OPEN_PAGE = 100;
/** `GET /v1/orders/closed` page size (Upbit's maximum). */
const CLOSED_PAGE = 1000;
/** Pages read per list before the view counts as unreadable (50 x 100 open, 10 x 1000 closed). */
const MAX_OPEN_PAGES = 50;
const MAX_CLOSED_PAGES = 10;

/** What an order of a list tells: its identifier and uuid. */
type Listed = Pick<UpbitOrder, 'uuid' | 'identifier' | 'created_at'>;

const describe = (e: unknown): string =>
  e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 200) : 'non-error thrown';

const match = (orders: readonly Listed[], identifier: string): ListView | undefined => {
  const hit = orders.find((o) => o.identifier === identifier);
  return hit === undefined ? undefined : { kind: 'found', uuid: hit.uuid };
};

/**
 * The account's order lists as views for the absence rule (ADR 0031): is there an order with this
 * identifier among the open orders of the market (`GET /v1/orders/open`, every page), or among
 * its closed orders created in the send window (`GET /v1/orders/closed`, oldest first, paged by
 * moving `start_time` to the last order's `created_at`)? A list that fails or does not end within
 * its page budget is `unreadable`, never `absent`.
 */
export class OrderLists {
  constructor(private readonly client: UpbitClient) {}

  /** Both views; the closed list is unreadable when the window is null (longer than Upbit lists). */
  async views(identifier: string, market: string, window: SendWindow | null): Promise<ListViews> {
    const open = await this.open(identifier, market);
    if (open.kind === 'found') return { open, closed: { kind: 'unreadable', why: 'not read' } };
    const closed =
      window === null
        ? ({ kind: 'unreadable', why: 'the send window is longer than 7 days' } as const)
        : await this.closed(identifier, market, window);
    return { open, closed };
  }

  /** The open-order view of one market. */
  async open(identifier: string, market: string): Promise<ListView> {
    try {
      for (let page = 1; page <= MAX_OPEN_PAGES; page++) {
        const batch = await this.client.orders.open({
          market,
          states: ['wait', 'watch'],
          page,
          limit: OPEN_PAGE,
        });
        const hit = match(batch, identifier);
        if (hit) return hit;
        if (batch.length < OPEN_PAGE) return { kind: 'absent' };
      }
      return { kind: 'unreadable', why: `more than ${MAX_OPEN_PAGES * OPEN_PAGE} open orders` };
    } catch (error) {
      return { kind: 'unreadable', why: describe(error) };
    }
  }

  /** The closed-order view of one market over the window. */
  async closed(identifier: string, market: string, window: SendWindow): Promise<ListView> {
    let start: Date = window.start;
    try {
      for (let page = 1; page <= MAX_CLOSED_PAGES; page++) {
        const batch = await this.client.orders.closed({
          market,
          states: ['done', 'cancel'],
          start_time: start,
          end_time: window.end,
          limit: CLOSED_PAGE,
          order_by: 'asc',
        });
        const hit = match(batch, identifier);
        if (hit) return hit;
        if (batch.length < CLOSED_PAGE) return { kind: 'absent' };
        // A full page: go on from the last order's time (inclusive; repeats are harmless).
        const next = new Date(batch[batch.length - 1]!.created_at);
        if (!(next.getTime() > start.getTime()))
          return {
            kind: 'unreadable',
            why: `more than ${CLOSED_PAGE} closed orders in one second`,
          };
        start = next;
      }
      return { kind: 'unreadable', why: `more than ${MAX_CLOSED_PAGES} pages of closed orders` };
    } catch (error) {
      return { kind: 'unreadable', why: describe(error) };
    }
  }
}
