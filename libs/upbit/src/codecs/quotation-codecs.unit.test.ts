import { equal } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import { decodeWith } from '@hoga/model';
import { UpbitCandleListC } from './candle.codec.js';
import { UpbitMarketListC } from './market.codec.js';
import { UpbitInstrumentListC, UpbitOrderbookListC } from './orderbook.codec.js';
import { UpbitTickerListC } from './ticker.codec.js';
import { UpbitTradeTickListC } from './trade-tick.codec.js';

function right<A>(r: E.Either<Error, A>): A {
  if (E.isLeft(r)) throw r.left;
  return r.right;
}

describe('quotation codecs', () => {
  it('reads quotation JSON numbers exactly (no float arithmetic)', () => {
    const [t] = right(
      decodeWith(UpbitTickerListC, [
        {
          market: 'KRW-BTC',
          trade_price: 98765432.1,
          opening_price: 1,
          high_price: 2,
          low_price: 0.5,
          prev_closing_price: 1,
          change: 'RISE',
          signed_change_rate: 0.021183432,
          trade_volume: 0.0105675,
          acc_trade_price_24h: 55330325803.7821,
          acc_trade_volume_24h: 6448.96200341,
          timestamp: 1524046049766,
        },
      ]),
    );
    equal(t?.trade_price.toString(), '98765432.1');
    equal(t?.trade_volume.plus('0.0000001').toString(), '0.0105676');
  });

  it('decodes candles, orderbooks, instruments, trade ticks and markets', () => {
    const candle = {
      market: 'KRW-BTC',
      candle_date_time_utc: '2026-11-23T00:00:00',
      candle_date_time_kst: '2026-11-23T09:00:00',
      opening_price: 100,
      high_price: 110,
      low_price: 90,
      trade_price: 105,
      timestamp: 1,
      candle_acc_trade_price: 1000.5,
      candle_acc_trade_volume: 10.1,
      unit: 1,
    };
    equal(right(decodeWith(UpbitCandleListC, [candle]))[0]?.unit, 1);
    const book = {
      market: 'KRW-BTC',
      timestamp: 1,
      total_ask_size: 1.5,
      total_bid_size: 2,
      orderbook_units: [{ ask_price: 101, bid_price: 100, ask_size: 0.5, bid_size: 1 }],
      level: 0,
    };
    equal(
      right(decodeWith(UpbitOrderbookListC, [book]))[0]?.orderbook_units[0]?.ask_price.toString(),
      '101',
    );
    const inst = {
      market: 'KRW-BTC',
      quote_currency: 'KRW',
      tick_size: '1000',
      supported_levels: ['0', '10000'],
    };
    equal(right(decodeWith(UpbitInstrumentListC, [inst]))[0]?.tick_size.toString(), '1000');
    const tick = {
      market: 'KRW-BTC',
      trade_date_utc: '2026-11-23',
      trade_time_utc: '00:00:01',
      timestamp: 1,
      trade_price: 100,
      trade_volume: 0.1,
      prev_closing_price: 99,
      ask_bid: 'BID',
      sequential_id: 17000000000001,
    };
    equal(right(decodeWith(UpbitTradeTickListC, [tick]))[0]?.sequential_id, 17000000000001);
    const market = {
      market: 'BTC-ETH',
      korean_name: '이더리움',
      english_name: 'Ethereum',
      market_event: { warning: false, caution: { PRICE_FLUCTUATIONS: false } },
    };
    equal(right(decodeWith(UpbitMarketListC, [market]))[0]?.market_event?.warning, false);
  });
});
