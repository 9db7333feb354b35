import * as E from 'fp-ts/lib/Either.js';
import { validationError } from '../exchange/exchange-error.js';
import { aggregate, buckets, type Candle } from '../market/candle-series.js';
import type { MarketRuntime } from '../market/market-runtime.js';
import { num } from '../util/decimal-wire.js';
import { utcDate } from '../util/time-format.js';
import { candleView } from '../views/quotation.view.js';
import {
  errorReply,
  ok,
  quotationError,
  type ApiReply,
  type ApiRequest,
  type Route,
  type RouteContext,
} from './api.js';
import { intParam, timeParam } from './query-readers.js';

const MINUTE_UNITS = [1, 3, 5, 10, 15, 30, 60, 240];

type Shape = (
  market: string,
  c: Candle,
  previous: Candle | undefined,
  req: ApiRequest,
) => Record<string, unknown>;

/** The shared part of every candle endpoint: market, `to` (exclusive), `count` <= 200, newest first. */
function candles(select: (m: MarketRuntime, req: ApiRequest) => Candle[] | ApiReply, shape: Shape) {
  return (req: ApiRequest, { world }: RouteContext): ApiReply => {
    const code = req.query.get('market');
    if (code === undefined) return errorReply(validationError('market is required'));
    const m = world.board.get(code);
    if (!m) return quotationError(404, 404, 'Code not found');
    const count = intParam(req.query, 'count', 1, 1, 200);
    const to = timeParam(req.query, 'to', false);
    if (E.isLeft(count)) return errorReply(count.left);
    if (E.isLeft(to)) return errorReply(to.left);
    const all = select(m, req);
    if (!Array.isArray(all)) return all;
    const before = to.right ?? Number.POSITIVE_INFINITY;
    const upTo = all.filter((c) => c.start < before);
    const page = upTo.slice(-count.right);
    const first = upTo.length - page.length;
    return ok(page.map((c, i) => shape(code, c, upTo[first + i - 1], req)).reverse());
  };
}

const plain: Shape = (market, c) => candleView(market, c);

const dayShape: Shape = (market, c, previous) => {
  const prev = previous?.close ?? c.open;
  const change = c.close.minus(prev);
  return {
    ...candleView(market, c),
    prev_closing_price: num(prev),
    change_price: num(change),
    change_rate: prev.isZero() ? 0 : num(change.div(prev).toDecimalPlaces(10)),
  };
};

const periodShape: Shape = (market, c) => ({
  ...candleView(market, c),
  first_day_of_period: utcDate(c.start),
});

const route = (path: string, handle: Route['handle']): Route => ({
  method: 'GET',
  path,
  group: 'candle',
  handle,
});

/** `/v1/candles/*`. */
export const candleRoutes: readonly Route[] = [
  route(
    '/v1/candles/seconds',
    candles((m) => m.history.seconds.candles, plain),
  ),
  route(
    '/v1/candles/minutes/{unit}',
    candles(
      (m, req) => {
        const unit = Number(req.params['unit']);
        if (!MINUTE_UNITS.includes(unit))
          return errorReply(validationError(`unit must be one of ${MINUTE_UNITS.join(', ')}`));
        return unit === 1
          ? m.history.minutes.candles
          : aggregate(m.history.minutes.candles, buckets.minutes(unit));
      },
      (market, c, _previous, req) => ({
        ...candleView(market, c),
        unit: Number(req.params['unit']),
      }),
    ),
  ),
  route(
    '/v1/candles/days',
    candles((m) => m.history.days.candles, dayShape),
  ),
  route(
    '/v1/candles/weeks',
    candles((m) => aggregate(m.history.days.candles, buckets.week), periodShape),
  ),
  route(
    '/v1/candles/months',
    candles((m) => aggregate(m.history.days.candles, buckets.month), periodShape),
  ),
];
