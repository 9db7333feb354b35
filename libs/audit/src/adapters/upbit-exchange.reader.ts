import {
  UpbitClient,
  isOrderNotFound,
  isUpbitAuthError,
  isUpbitError,
  type UpbitCredentials,
  type UpbitOrder,
  type UpbitOrderDetail,
} from '@hoga/upbit';
import type { ExchangeOrder } from '../core/exchange-records.js';
import { AuditSourceError } from './audit-source.error.js';

/** What `--exchange` asks the exchange: one order (with its trades), and the orders of a span. */
export interface ExchangeReader {
  /** The order by its exchange uuid; null when the exchange does not know it. */
  byUuid(uuid: string): Promise<ExchangeOrder | null>;
  /** The order by hoga's identifier; null when the exchange does not know it. */
  byIdentifier(identifier: string): Promise<ExchangeOrder | null>;
  /** The market's orders created in [from, to] (ended ones) and the open ones, without trades. */
  listed(market: string, from: Date, to: Date): Promise<ExchangeOrder[]>;
}

/** Upbit's closed-order list spans at most 7 days per request. */
const WEEK_MS = 7 * 24 * 3600 * 1000;
const PAGE = 100;

const orderOf = (o: UpbitOrder | UpbitOrderDetail): ExchangeOrder => ({
  uuid: o.uuid,
  identifier: o.identifier ?? null,
  market: o.market,
  side: o.side,
  ordType: o.ord_type,
  state: o.state,
  price: o.price ?? null,
  volume: o.volume ?? null,
  executedVolume: o.executed_volume,
  paidFee: o.paid_fee,
  createdAt: o.created_at,
  trades:
    'trades' in o
      ? o.trades.map((t) => ({ uuid: t.uuid, price: t.price, volume: t.volume, funds: t.funds }))
      : [],
});

/**
 * Turns what the client threw into why the audit cannot compare (exit 2): keys refused, or the
 * exchange unreachable. The client's messages never carry a key, a signature or a token.
 */
function cannotCompare(error: unknown, baseUrl: string): AuditSourceError {
  if (isUpbitAuthError(error))
    return new AuditSourceError(
      'exchange-refused',
      `the exchange at ${baseUrl} refused the API keys (${error.errorName}): check the access key, ` +
        'its order-read permission and its allowed IP addresses',
      { cause: error },
    );
  const why = isUpbitError(error) || error instanceof Error ? error.message : String(error);
  return new AuditSourceError(
    'exchange-unreachable',
    `cannot read the exchange at ${baseUrl}: ${why}`,
    {
      cause: error,
    },
  );
}

/**
 * The exchange through hoga's Upbit client: `GET /v1/order` (by uuid or identifier),
 * `/v1/orders/closed` (week by week) and `/v1/orders/open`, all `default`-group calls paced by
 * the client's rate limiter (`Remaining-Req`); the emulator in paper mode speaks the same API.
 */
export class UpbitExchangeReader implements ExchangeReader {
  constructor(
    private readonly client: UpbitClient,
    private readonly baseUrl: string,
  ) {}

  async #one(ref: { uuid: string } | { identifier: string }): Promise<ExchangeOrder | null> {
    try {
      return orderOf(await this.client.orders.get(ref));
    } catch (error) {
      if (isOrderNotFound(error)) return null;
      throw cannotCompare(error, this.baseUrl);
    }
  }

  byUuid(uuid: string): Promise<ExchangeOrder | null> {
    return this.#one({ uuid });
  }

  byIdentifier(identifier: string): Promise<ExchangeOrder | null> {
    return this.#one({ identifier });
  }

  async listed(market: string, from: Date, to: Date): Promise<ExchangeOrder[]> {
    const all: ExchangeOrder[] = [];
    try {
      for (let start = from.getTime(); start < to.getTime(); start += WEEK_MS) {
        const end = new Date(Math.min(start + WEEK_MS, to.getTime()));
        const closed = await this.client.orders.closed({
          market,
          states: ['done', 'cancel'],
          start_time: new Date(start),
          end_time: end,
          limit: 1000,
          order_by: 'asc',
        });
        all.push(...closed.map(orderOf));
      }
      for (let page = 1; ; page++) {
        const open = await this.client.orders.open({
          market,
          states: ['wait', 'watch'],
          page,
          limit: PAGE,
        });
        all.push(...open.map(orderOf));
        if (open.length < PAGE) break;
      }
    } catch (error) {
      throw cannotCompare(error, this.baseUrl);
    }
    return all;
  }
}

/** A reader of the exchange at `baseUrl` with these keys, through a client of its own (paced). */
export const exchangeReaderAt = (
  baseUrl: string,
  credentials: UpbitCredentials,
): UpbitExchangeReader =>
  new UpbitExchangeReader(new UpbitClient({ baseUrl, credentials }), baseUrl);
