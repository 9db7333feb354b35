import { deepEqual, equal, rejects } from 'node:assert/strict';
import { dec, price, volume, type Market } from '@hoga/model';
import type { CandleQuery, MinuteUnit, UpbitCandle } from '@hoga/upbit';
import { UpbitCandleHistory } from './candle-history.client.js';
import { isUnexpectedCandleError, parseCandleTimeUtc } from './upbit-candle.mapper.js';

const T0 = Date.UTC(2026, 0, 5, 0, 0, 0);
const MIN = 60_000;
const BTC = 'KRW-BTC' as Market;

const upbitCandle = (openMs: number, unitMin: number): UpbitCandle => ({
  market: 'KRW-BTC',
  candle_date_time_utc: new Date(openMs).toISOString().slice(0, 19),
  candle_date_time_kst: new Date(openMs + 9 * 3_600_000).toISOString().slice(0, 19),
  opening_price: price(100 + (openMs - T0) / MIN),
  high_price: price(200 + (openMs - T0) / MIN),
  low_price: price(50),
  trade_price: price(150),
  timestamp: openMs + unitMin * MIN - 1,
  candle_acc_trade_price: dec('1234.5'),
  candle_acc_trade_volume: volume('0.5'),
  unit: unitMin,
  prev_closing_price: null,
});

/** Upbit's candle API over `minutes` one-minute candles from T0: newest first, `to` exclusive. */
function fakeQuotation(minutes: number) {
  const calls: { unit: MinuteUnit; to: string | undefined; count: number }[] = [];
  const all = Array.from({ length: minutes }, (_, i) => T0 + i * MIN);
  return {
    calls,
    async minuteCandles(unit: MinuteUnit, q: CandleQuery): Promise<readonly UpbitCandle[]> {
      calls.push({
        unit,
        to: q.to instanceof Date ? q.to.toISOString() : q.to,
        count: q.count ?? 1,
      });
      const before = q.to instanceof Date ? q.to.getTime() : Number.POSITIVE_INFINITY;
      const opens = all.filter((ms) => ms % (unit * MIN) === 0 && ms < before);
      return opens
        .slice(-(q.count ?? 1))
        .reverse()
        .map((ms) => upbitCandle(ms, unit));
    },
    async dayCandles(): Promise<readonly UpbitCandle[]> {
      return [];
    },
  };
}

describe('candle history from Upbit', () => {
  it('pages back 200 at a time and returns closed candles oldest first, without the forming one', async () => {
    const api = fakeQuotation(1000);
    const now = T0 + 999 * MIN + 30_000; // the 999th minute is still forming
    const candles = await new UpbitCandleHistory(api).closedCandles(
      { market: BTC, interval: '1m', count: 450 },
      now,
    );
    equal(candles.length, 450);
    equal(candles[0]!.openTime, new Date(T0 + 549 * MIN).toISOString());
    equal(candles[449]!.openTime, new Date(T0 + 998 * MIN).toISOString());
    equal(
      candles.every(
        (c, i) => i === 0 || Date.parse(c.openTime) - Date.parse(candles[i - 1]!.openTime) === MIN,
      ),
      true,
    );
    equal(
      candles.every((c) => c.closed),
      true,
    );
    deepEqual(
      api.calls.map((c) => [c.to, c.count]),
      [
        [undefined, 200],
        [new Date(T0 + 800 * MIN).toISOString(), 200],
        [new Date(T0 + 600 * MIN).toISOString(), 52],
      ],
    );
    deepEqual(
      [
        candles[0]!.open.toString(),
        candles[0]!.turnoverKrw.toString(),
        candles[0]!.volume.toString(),
      ],
      ['649', '1234.5', '0.5'],
    );
  });

  it('returns what there is when Upbit has fewer candles, and reads 5m from the 5-minute unit', async () => {
    const api = fakeQuotation(100);
    const now = T0 + 200 * MIN;
    const got = await new UpbitCandleHistory(api).closedCandles(
      { market: BTC, interval: '5m', count: 1000 },
      now,
    );
    equal(got.length, 20);
    equal(
      api.calls.every((c) => c.unit === 5),
      true,
    );
    equal(api.calls.length, 1);
  });

  it("ends before `to` (rounded up to Upbit's whole seconds)", async () => {
    const api = fakeQuotation(100);
    const to = T0 + 50 * MIN + 400;
    const got = await new UpbitCandleHistory(api).closedCandles(
      { market: BTC, interval: '1m', count: 3, to },
      T0 + 100 * MIN,
    );
    deepEqual(
      got.map((c) => c.openTime.slice(11, 16)),
      ['00:48', '00:49', '00:50'],
    );
    equal(api.calls[0]!.to, new Date(T0 + 50 * MIN + 1000).toISOString());
  });

  it('reads candle_date_time_utc as UTC and refuses a candle off the interval grid', async () => {
    equal(parseCandleTimeUtc('2026-01-05T09:00:00'), Date.UTC(2026, 0, 5, 9));
    equal(parseCandleTimeUtc('2026-01-05T09:00:00+09:00'), Date.UTC(2026, 0, 5, 0));
    const offGrid = {
      minuteCandles: async () => [upbitCandle(T0 + 30_000, 1)],
      dayCandles: async () => [],
    };
    await rejects(
      new UpbitCandleHistory(offGrid).closedCandles(
        { market: BTC, interval: '1m', count: 1 },
        T0 + 10 * MIN,
      ),
      isUnexpectedCandleError,
    );
  });
});
