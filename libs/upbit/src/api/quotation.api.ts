import { UpbitCandleListC, type UpbitCandle } from '../codecs/candle.codec.js';
import { UpbitMarketListC, type UpbitMarket } from '../codecs/market.codec.js';
import {
  UpbitInstrumentListC,
  UpbitOrderbookListC,
  type UpbitInstrument,
  type UpbitOrderbook,
} from '../codecs/orderbook.codec.js';
import { UpbitTickerListC, type UpbitTicker } from '../codecs/ticker.codec.js';
import { UpbitTradeTickListC, type UpbitTradeTick } from '../codecs/trade-tick.codec.js';
import { endpoint } from '../http/endpoint.js';
import type { RestClient } from '../http/rest-client.js';
import { formatTime, type TimeParam } from './time-param.js';

/** Minute candle units Upbit serves. */
export type MinuteUnit = 1 | 3 | 5 | 10 | 15 | 30 | 60 | 240;

/** Candle query: newest first, `to` exclusive, `count` at most 200. */
export interface CandleQuery {
  readonly market: string;
  readonly to?: TimeParam;
  readonly count?: number;
}

/** Trade ticks query: `count` at most 500; `to` is `HHmmss` or `HH:mm:ss` (UTC). */
export interface TradeTicksQuery {
  readonly market: string;
  readonly to?: string;
  readonly count?: number;
  readonly cursor?: string;
  readonly days_ago?: number;
}

const MARKETS = endpoint('GET', '/v1/market/all', 'market', UpbitMarketListC);
const TICKER = endpoint('GET', '/v1/ticker', 'ticker', UpbitTickerListC);
const TICKER_ALL = endpoint('GET', '/v1/ticker/all', 'ticker', UpbitTickerListC);
const DAYS = endpoint('GET', '/v1/candles/days', 'candle', UpbitCandleListC);
const ORDERBOOK = endpoint('GET', '/v1/orderbook', 'orderbook', UpbitOrderbookListC);
const INSTRUMENTS = endpoint('GET', '/v1/orderbook/instruments', 'orderbook', UpbitInstrumentListC);
const TRADES = endpoint('GET', '/v1/trades/ticks', 'trade', UpbitTradeTickListC);
const minutes = new Map<MinuteUnit, ReturnType<typeof minuteEndpoint>>();
const minuteEndpoint = (unit: MinuteUnit) =>
  endpoint('GET', `/v1/candles/minutes/${unit}`, 'candle', UpbitCandleListC);

/** Quotation (public, unsigned) endpoints; each has its own rate-limit group. */
export class QuotationApi {
  constructor(private readonly rest: RestClient) {}

  /** `GET /v1/market/all?is_details=true`. */
  markets(): Promise<readonly UpbitMarket[]> {
    return this.rest.call(MARKETS, { is_details: true });
  }

  /** `GET /v1/ticker?markets=A,B`. */
  tickers(markets: readonly string[]): Promise<readonly UpbitTicker[]> {
    return this.rest.call(TICKER, { markets: markets.join(',') });
  }

  /** `GET /v1/ticker/all?quote_currencies=KRW`: every market of the quote currencies. */
  allTickers(quoteCurrencies: readonly string[] = ['KRW']): Promise<readonly UpbitTicker[]> {
    return this.rest.call(TICKER_ALL, { quote_currencies: quoteCurrencies.join(',') });
  }

  /** `GET /v1/candles/minutes/{unit}`. */
  minuteCandles(unit: MinuteUnit, query: CandleQuery): Promise<readonly UpbitCandle[]> {
    let ep = minutes.get(unit);
    if (ep === undefined) minutes.set(unit, (ep = minuteEndpoint(unit)));
    return this.rest.call(ep, {
      market: query.market,
      to: formatTime(query.to),
      count: query.count,
    });
  }

  /** `GET /v1/candles/days`. */
  dayCandles(query: CandleQuery): Promise<readonly UpbitCandle[]> {
    return this.rest.call(DAYS, {
      market: query.market,
      to: formatTime(query.to),
      count: query.count,
    });
  }

  /** `GET /v1/orderbook?markets=A,B` (30 levels). */
  orderbooks(markets: readonly string[]): Promise<readonly UpbitOrderbook[]> {
    return this.rest.call(ORDERBOOK, { markets: markets.join(',') });
  }

  /** `GET /v1/orderbook/instruments?markets=A,B`: tick sizes. */
  instruments(markets: readonly string[]): Promise<readonly UpbitInstrument[]> {
    return this.rest.call(INSTRUMENTS, { markets: markets.join(',') });
  }

  /** `GET /v1/trades/ticks`. */
  tradeTicks(query: TradeTicksQuery): Promise<readonly UpbitTradeTick[]> {
    const { market, to, count, cursor, days_ago } = query;
    return this.rest.call(TRADES, { market, to, count, cursor, days_ago });
  }
}
