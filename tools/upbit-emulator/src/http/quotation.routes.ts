import * as E from 'fp-ts/lib/Either.js';
import { validationError } from '../exchange/exchange-error.js';
import { DAY_MS } from '../market/candle-series.js';
import type { MarketRuntime } from '../market/market-runtime.js';
import { tickerOf } from '../market/ticker.js';
import type { World } from '../world.js';
import { orderbookView, tickerView, tickView } from '../views/quotation.view.js';
import { errorReply, ok, quotationError, type ApiReply, type Route } from './api.js';
import { intParam } from './query-readers.js';

/** The markets of a comma-separated `markets` list; an unknown code answers 404 (integer name). */
export function marketsParam(
  world: World,
  text: string | undefined,
): E.Either<ApiReply, MarketRuntime[]> {
  if (text === undefined || text.trim() === '')
    return E.left(errorReply(validationError('markets is required')));
  const found: MarketRuntime[] = [];
  for (const code of text.split(',').map((s) => s.trim())) {
    const m = world.board.get(code);
    if (!m) return E.left(quotationError(404, 404, 'Code not found'));
    found.push(m);
  }
  return E.right(found);
}

const CAUTION = {
  PRICE_FLUCTUATIONS: false,
  TRADING_VOLUME_SOARING: false,
  DEPOSIT_AMOUNT_SOARING: false,
  GLOBAL_PRICE_DIFFERENCES: false,
  CONCENTRATION_OF_SMALL_ACCOUNTS: false,
};

const marketAll: Route = {
  method: 'GET',
  path: '/v1/market/all',
  group: 'market',
  handle: (req, { world }) => {
    const details = req.query.get('is_details') === 'true';
    return ok(
      world.board.list().map((m) => ({
        market: m.code,
        korean_name: m.spec.koreanName,
        english_name: m.spec.englishName,
        ...(details ? { market_event: { warning: false, caution: CAUTION } } : {}),
      })),
    );
  },
};

const ticker: Route = {
  method: 'GET',
  path: '/v1/ticker',
  group: 'ticker',
  handle: (req, { world }) => {
    const markets = marketsParam(world, req.query.get('markets'));
    if (E.isLeft(markets)) return markets.left;
    return ok(markets.right.map((m) => tickerView(tickerOf(m, world.clock.now()))));
  },
};

const tickerAll: Route = {
  method: 'GET',
  path: '/v1/ticker/all',
  group: 'ticker',
  handle: (req, { world }) => {
    const quotes = req.query
      .get('quote_currencies')
      ?.split(',')
      .map((s) => s.trim());
    if (!quotes || quotes.length === 0 || quotes[0] === '')
      return errorReply(validationError('quote_currencies is required'));
    const markets = world.board
      .list()
      .filter((m) => quotes.some((q) => m.code.startsWith(`${q}-`)));
    return ok(markets.map((m) => tickerView(tickerOf(m, world.clock.now()))));
  },
};

const orderbook: Route = {
  method: 'GET',
  path: '/v1/orderbook',
  group: 'orderbook',
  handle: (req, { world }) => {
    const markets = marketsParam(world, req.query.get('markets'));
    if (E.isLeft(markets)) return markets.left;
    const count = intParam(req.query, 'count', 30, 1, 30);
    if (E.isLeft(count)) return errorReply(count.left);
    return ok(
      markets.right.map((m) =>
        orderbookView(m.code, m.currentBook, world.clock.now(), count.right),
      ),
    );
  },
};

const instruments: Route = {
  method: 'GET',
  path: '/v1/orderbook/instruments',
  group: 'orderbook',
  handle: (req, { world }) => {
    const markets = marketsParam(world, req.query.get('markets'));
    if (E.isLeft(markets)) return markets.left;
    return ok(
      markets.right.map((m) => ({
        market: m.code,
        quote_currency: 'KRW',
        tick_size: m.tickSize.toString(),
        supported_levels: ['0'],
      })),
    );
  },
};

/** `to` of `/v1/trades/ticks`: `HHmmss` or `HH:mm:ss` (UTC) on the day `days_ago` back. */
function ticksBefore(to: string | undefined, daysAgo: number, now: number): number | undefined {
  if (to === undefined)
    return daysAgo > 0 ? Math.floor(now / DAY_MS) * DAY_MS - (daysAgo - 1) * DAY_MS : undefined;
  const m = /^(\d{2}):?(\d{2}):?(\d{2})$/.exec(to);
  if (!m) return Number.NaN;
  const day = Math.floor(now / DAY_MS) * DAY_MS - daysAgo * DAY_MS;
  return day + ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000;
}

const ticks: Route = {
  method: 'GET',
  path: '/v1/trades/ticks',
  group: 'trade',
  handle: (req, { world }) => {
    const code = req.query.get('market');
    const m = code === undefined ? undefined : world.board.get(code);
    if (code === undefined) return errorReply(validationError('market is required'));
    if (!m) return quotationError(404, 404, 'Code not found');
    const count = intParam(req.query, 'count', 1, 1, 500);
    const daysAgo = intParam(req.query, 'days_ago', 0, 0, 7);
    if (E.isLeft(count)) return errorReply(count.left);
    if (E.isLeft(daysAgo)) return errorReply(daysAgo.left);
    const before = ticksBefore(req.query.get('to'), daysAgo.right, world.clock.now());
    if (Number.isNaN(before)) return errorReply(validationError('to must be HHmmss or HH:mm:ss'));
    const cursor = req.query.get('cursor');
    const list = m.history.trades
      .filter(
        (t) =>
          (before === undefined || t.timestamp < before) &&
          (cursor === undefined || t.sequentialId < Number(cursor)),
      )
      .slice(-count.right)
      .reverse();
    return ok(list.map(tickView));
  },
};

/** Markets, tickers, order books, trades. */
export const quotationRoutes: readonly Route[] = [
  marketAll,
  ticker,
  tickerAll,
  orderbook,
  instruments,
  ticks,
];
