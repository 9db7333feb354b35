import { deepEqual, equal, ok } from 'node:assert/strict';
import { UpbitDecodeError } from '../errors/upbit.errors.js';
import { UpbitWsServerError } from '../errors/ws.errors.js';
import {
  myAssetSimple,
  myOrderSimple,
  tickerDefault,
  tickerSimple,
  tradeSimple,
} from '../testing/ws-frames.js';
import { decodeFrame, type CodecFor } from './frame-decoder.js';
import { CandleMessageC } from './codecs/candle.ws.codec.js';
import { MyAssetMessageC } from './codecs/my-asset.ws.codec.js';
import { MyOrderMessageC } from './codecs/my-order.ws.codec.js';
import { OrderbookMessageC } from './codecs/orderbook.ws.codec.js';
import { TickerMessageC } from './codecs/ticker.ws.codec.js';
import { TradeMessageC } from './codecs/trade.ws.codec.js';
import { fromSimple } from './simple-format.js';

const codecs: Record<string, unknown> = {
  ticker: TickerMessageC,
  trade: TradeMessageC,
  orderbook: OrderbookMessageC,
  myOrder: MyOrderMessageC,
  myAsset: MyAssetMessageC,
};
const codecFor = ((type: string) =>
  type.startsWith('candle.') ? CandleMessageC : codecs[type]) as CodecFor<Record<string, unknown>>;
const bin = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8');

describe('WebSocket frames', () => {
  it('decodes a binary DEFAULT ticker with exact decimals', () => {
    const { messages, issues } = decodeFrame(bin(tickerDefault), codecFor);
    deepEqual(issues, []);
    equal(messages[0]?.type, 'ticker');
    equal(String(messages[0]?.trade_price), '98765432.1');
  });

  it('maps SIMPLE keys to the DEFAULT shape: the same message either way', () => {
    const fromDefault = decodeFrame(bin(tickerDefault), codecFor).messages[0];
    const fromSimpleFrame = decodeFrame(JSON.stringify(tickerSimple), codecFor).messages[0];
    deepEqual(JSON.parse(JSON.stringify(fromSimpleFrame)), JSON.parse(JSON.stringify(fromDefault)));
  });

  it('decodes SIMPLE trade, myOrder and myAsset frames', () => {
    const trade = decodeFrame(bin(tradeSimple), codecFor).messages[0]!;
    equal(trade.sequential_id, 1763888400000001);
    equal(trade.stream_type, 'SNAPSHOT');
    const order = decodeFrame(bin(myOrderSimple), codecFor).messages[0]!;
    equal(order.state, 'trade');
    equal(order.trade_uuid, myOrderSimple.tuid);
    equal(order.identifier, 'pos-1-entry-1');
    equal(String(order.avg_price), '100000000');
    equal(order.is_maker, true);
    const asset = decodeFrame(bin(myAssetSimple), codecFor).messages[0]! as {
      assets: { currency: string; balance: unknown }[];
    };
    deepEqual(
      asset.assets.map((a) => `${a.currency}=${String(a.balance)}`),
      ['KRW=1000000.5', 'BTC=0.004'],
    );
  });

  it('renames nested orderbook units, where `ap` is ask_price (not avg_price)', () => {
    const renamed = fromSimple({
      ty: 'orderbook',
      cd: 'KRW-BTC',
      tas: 1,
      tbs: 2,
      obu: [{ ap: 101, bp: 100, as: 0.5, bs: 1 }],
      tms: 1,
      st: 'REALTIME',
    });
    deepEqual(renamed.orderbook_units, [
      { ask_price: 101, bid_price: 100, ask_size: 0.5, bid_size: 1 },
    ]);
    equal(decodeFrame(bin(renamed), codecFor).messages.length, 1);
  });

  it('decodes SIMPLE candle frames of any candle.* type', () => {
    const candle = {
      ty: 'candle.1m',
      cd: 'KRW-BTC',
      cdttmu: '2026-11-23T00:00:00',
      cdttmk: '2026-11-23T09:00:00',
      op: 1,
      hp: 2,
      lp: 0.5,
      tp: 1.5,
      catv: 10,
      catp: 15,
      tms: 1,
      st: 'REALTIME',
    };
    const m = decodeFrame(bin(candle), codecFor).messages[0]!;
    equal(m.type, 'candle.1m');
    equal(String(m.candle_acc_trade_price), '15');
  });

  it('decodes list formats element by element', () => {
    const { messages } = decodeFrame(bin([tickerSimple, tradeSimple]), codecFor);
    deepEqual(
      messages.map((m) => m.type),
      ['ticker', 'trade'],
    );
  });

  it('reports bad frames as typed issues and keeps the good ones', () => {
    const { messages, issues } = decodeFrame(
      bin([tickerDefault, { ...tickerDefault, trade_price: 'NaN' }, { type: 'mystery' }, 42]),
      codecFor,
    );
    equal(messages.length, 1);
    equal(issues.length, 3);
    ok(issues.every((i) => i instanceof UpbitDecodeError));
    ok((issues[0] as UpbitDecodeError).issues.some((i) => i.path === 'trade_price'));
  });

  it('reports malformed JSON and server error frames, and ignores keep-alive status frames', () => {
    ok(decodeFrame(Buffer.from('{"ty":'), codecFor).issues[0] instanceof UpbitDecodeError);
    const err = decodeFrame('{"error":{"name":"INVALID_AUTH","message":"bad token"}}', codecFor)
      .issues[0];
    ok(err instanceof UpbitWsServerError && err.errorName === 'INVALID_AUTH');
    deepEqual(decodeFrame('{"status":"UP"}', codecFor), { messages: [], issues: [] });
  });

  it('rejects an unknown myOrder state as a decode issue', () => {
    const { issues } = decodeFrame(bin({ ...myOrderSimple, s: 'exploded' }), codecFor);
    ok(issues[0] instanceof UpbitDecodeError && issues[0].issues.some((i) => i.path === 'state'));
  });
});
