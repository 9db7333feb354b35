import { deepEqual, equal, ok } from 'node:assert/strict';
import { checkShape } from '../fixtures/shape.js';
import {
  CANDLE_FRAME,
  ORDERBOOK_FRAME,
  STATUS_FRAME,
  TICKER_FRAME,
  TICKER_FRAME_SIMPLE,
  TRADE_FRAME,
  TRADE_FRAME_SIMPLE,
  WS_ERROR_FRAME,
} from '../fixtures/websocket.fixtures.js';
import { emulatorUnderTest, type EmulatorUnderTest } from '../testing/emulator-under-test.js';
import { WsClient } from '../testing/ws-client.js';

type Frame = Record<string, unknown>;
const typed = (type: string) => (j: Frame) => j['type'] === type || j['ty'] === type;

describe('public WebSocket', () => {
  let t: EmulatorUnderTest;
  let ws: WsClient;
  beforeEach(async () => {
    t = await emulatorUnderTest({ webSocket: { idleTimeoutMs: 60_000, statusIntervalMs: 30 } });
    ws = await WsClient.connect(t.em.wsUrl);
  });
  afterEach(async () => {
    ws.close();
    await t.em.close();
  });

  it('sends a snapshot then realtime frames, as binary UTF-8 JSON in the DEFAULT format', async () => {
    ws.request([
      { ticket: 'a' },
      { type: 'ticker', codes: ['KRW-BTC'] },
      { type: 'trade', codes: ['KRW-BTC'] },
    ]);
    const [snapshot] = await ws.waitFor(typed('ticker'), 'a ticker snapshot');
    equal(snapshot!['stream_type'], 'SNAPSHOT');
    t.em.admin.step(1);
    const tickers = await ws.waitFor(typed('ticker'), 'a realtime ticker', 2);
    const trades = await ws.waitFor(typed('trade'), 'trades', 2);
    equal(tickers[1]!['stream_type'], 'REALTIME');
    equal(tickers[1]!['trade_price'], Number(t.em.admin.price('KRW-BTC')));
    for (const f of tickers) deepEqual(checkShape(f, TICKER_FRAME), []);
    for (const f of trades) deepEqual(checkShape(f, TRADE_FRAME), []);
    ok(
      ws.frames.every((f) => f.binary),
      'every frame is binary',
    );
  });

  it("speaks SIMPLE with Upbit's short keys", async () => {
    ws.request([
      { ticket: 'b' },
      { type: 'ticker', codes: ['KRW-BTC'] },
      { type: 'trade', codes: ['KRW-BTC'] },
      { format: 'SIMPLE' },
    ]);
    const [ticker] = await ws.waitFor(typed('ticker'), 'a SIMPLE ticker');
    const [trade] = await ws.waitFor(typed('trade'), 'a SIMPLE trade');
    deepEqual(checkShape(ticker, TICKER_FRAME_SIMPLE), []);
    deepEqual(checkShape(trade, TRADE_FRAME_SIMPLE), []);
  });

  it('wraps frames in arrays for JSON_LIST', async () => {
    ws.request([{ ticket: 'c' }, { type: 'ticker', codes: ['KRW-BTC'] }, { format: 'JSON_LIST' }]);
    await ws.waitFor(() => true, 'a frame');
    ok(Array.isArray(ws.frames[0]!.json));
    deepEqual(checkShape((ws.frames[0]!.json as Frame[])[0], TICKER_FRAME), []);
  });

  it('honours is_only_snapshot and is_only_realtime', async () => {
    ws.request([
      { ticket: 'd' },
      { type: 'ticker', codes: ['KRW-BTC'], is_only_snapshot: true },
      { type: 'trade', codes: ['KRW-BTC'], is_only_realtime: true },
    ]);
    await ws.waitFor(typed('ticker'), 'the snapshot');
    t.em.admin.step(2);
    await ws.waitFor(typed('trade'), 'two realtime trades', 2);
    deepEqual(
      ws.matching(typed('ticker')).map((f) => f['stream_type']),
      ['SNAPSHOT'],
    );
    ok(ws.matching(typed('trade')).every((f) => f['stream_type'] === 'REALTIME'));
  });

  it('replaces the subscription with each new request', async () => {
    ws.request([{ ticket: 'e' }, { type: 'trade', codes: ['KRW-BTC'], is_only_realtime: true }]);
    ws.request([{ ticket: 'e' }, { type: 'trade', codes: ['KRW-ETH'], is_only_realtime: true }]);
    ws.socket.send('PING'); // messages are handled in order: the UP answer means both requests were
    await ws.waitFor((j) => j['status'] === 'UP', 'the PING barrier');
    t.em.admin.step(1);
    await ws.waitFor((j) => j['code'] === 'KRW-ETH', 'an ETH trade');
    deepEqual(
      ws.matching((j) => j['code'] === 'KRW-BTC'),
      [],
    );
  });

  it('sends orderbook (with a unit count) and candle frames', async () => {
    ws.request([
      { ticket: 'f' },
      { type: 'orderbook', codes: ['KRW-BTC.5'] },
      { type: 'candle.1m', codes: ['KRW-BTC'] },
    ]);
    const [book] = await ws.waitFor(typed('orderbook'), 'an orderbook');
    const [candle] = await ws.waitFor(typed('candle.1m'), 'a candle');
    deepEqual(checkShape(book, ORDERBOOK_FRAME), []);
    equal((book!['orderbook_units'] as unknown[]).length, 5);
    deepEqual(checkShape(candle, CANDLE_FRAME), []);
  });

  it('answers the documented error names', async () => {
    ws.request([{ type: 'ticker', codes: ['KRW-BTC'] }]);
    ws.request([{ ticket: 'g' }, { type: 'ticker' }]);
    ws.request([{ ticket: 'g' }, { type: 'myOrder' }]);
    ws.socket.send('not json');
    const errors = await ws.waitFor((j) => 'error' in j, 'four errors', 4);
    for (const e of errors) deepEqual(checkShape(e, WS_ERROR_FRAME), []);
    deepEqual(
      errors.map((e) => (e['error'] as Frame)['name']),
      ['NO_TICKET', 'NO_CODES', 'INVALID_AUTH', 'WRONG_FORMAT'],
    );
  });

  it('answers a text PING with {"status":"UP"} and keeps sending it', async () => {
    ws.socket.send('PING');
    const ups = await ws.waitFor((j) => j['status'] === 'UP', 'three UP frames', 3);
    for (const u of ups) deepEqual(checkShape(u, STATUS_FRAME), []);
  });
});

describe('public WebSocket idle close', () => {
  it('closes a connection that sends nothing for the idle timeout', async () => {
    const t = await emulatorUnderTest({ webSocket: { idleTimeoutMs: 200 } });
    const ws = await WsClient.connect(t.em.wsUrl);
    equal((await ws.waitClosed()).code, 1000);
    await t.em.close();
  });
});
