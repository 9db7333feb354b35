import * as E from 'fp-ts/lib/Either.js';
import type { RawData } from 'ws';
import type { OrderChange } from '../exchange/exchange.js';
import type { Holding } from '../exchange/ledger.js';
import type { OrderSnapshot } from '../exchange/order.js';
import { aggregate, buckets, type Candle } from '../market/candle-series.js';
import type { PublicTrade } from '../market/market-history.js';
import type { MarketRuntime } from '../market/market-runtime.js';
import { tickerOf } from '../market/ticker.js';
import type { World, WorldListener } from '../world.js';
import {
  candleFrame,
  myAssetFrame,
  myOrderFrame,
  orderbookFrame,
  tickerFrame,
  tradeFrame,
  type StreamType,
} from './ws-frames.js';
import { CANDLE_TYPES, PRIVATE_TYPES, parseWsRequest, type TypeRequest } from './ws-request.js';
import type { WsSession } from './ws-session.js';

/** The newest candle of a `candle.*` type. */
function latestCandle(m: MarketRuntime, type: string): Candle | undefined {
  if (type === 'candle.1s') return m.history.seconds.latest();
  const unit = Number(/^candle\.(\d+)m$/.exec(type)?.[1] ?? 1);
  const minutes = m.history.minutes.candles;
  const last = minutes[minutes.length - 1];
  if (!last || unit === 1) return last;
  const start = buckets.minutes(unit)(last.start);
  return aggregate(
    minutes.filter((c) => c.start >= start),
    buckets.minutes(unit),
  )[0];
}

/** Routes world events to the WebSocket sessions that subscribed to them. */
export class StreamHub implements WorldListener {
  private readonly sessions = new Set<WsSession>();

  constructor(
    private readonly world: () => World,
    private readonly newId: () => string,
  ) {}

  /** Starts serving a new connection. */
  attach(session: WsSession): void {
    this.sessions.add(session);
    session.socket.on('close', () => this.sessions.delete(session));
    session.socket.on('message', (data: RawData) =>
      this.onMessage(session, Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer)),
    );
  }

  /** Open connections by kind. */
  counts(): { public: number; private: number } {
    const all = [...this.sessions];
    return {
      public: all.filter((s) => s.kind === 'public').length,
      private: all.filter((s) => s.kind === 'private').length,
    };
  }

  /** Drops connections abruptly (a network failure); returns how many. */
  drop(kind: 'all' | 'public' | 'private' = 'all'): number {
    const victims = [...this.sessions].filter((s) => kind === 'all' || s.kind === kind);
    victims.forEach((s) => s.drop());
    return victims.length;
  }

  /** Freezes the open connections of a kind (they stay open, silent and deaf); returns how many. */
  freeze(kind: 'all' | 'public' | 'private' = 'all'): number {
    const victims = [...this.sessions].filter(
      (s) => !s.frozen && (kind === 'all' || s.kind === kind),
    );
    victims.forEach((s) => s.freeze());
    return victims.length;
  }

  /** Thaws every frozen connection; returns how many. */
  thaw(): number {
    const frozen = [...this.sessions].filter((s) => s.frozen);
    frozen.forEach((s) => s.thaw());
    return frozen.length;
  }

  /** Drops the private connections of one key (its access was revoked); returns how many. */
  dropKey(accessKey: string): number {
    const victims = [...this.sessions].filter((s) => s.accessKey === accessKey);
    victims.forEach((s) => s.drop());
    return victims.length;
  }

  marketTraded(trade: PublicTrade): void {
    const m = this.world().board.get(trade.market);
    if (!m) return;
    for (const s of this.sessions)
      this.sendMarket(s, m, trade.market, 'REALTIME', (t) => !t.onlySnapshot);
  }

  orderChanged(order: OrderSnapshot, change: OrderChange): void {
    const now = this.world().clock.now();
    for (const s of this.sessions) {
      if (s.accessKey === order.accessKey && s.wants('myOrder', order.market))
        s.send(myOrderFrame(order, change, now));
    }
  }

  assetsChanged(accessKey: string, holdings: readonly Holding[]): void {
    const now = this.world().clock.now();
    for (const s of this.sessions) {
      if (s.accessKey === accessKey && s.wants('myAsset'))
        s.send(myAssetFrame(this.newId(), holdings, now));
    }
  }

  private onMessage(session: WsSession, data: Buffer): void {
    session.touch();
    const text = data.toString('utf8');
    if (text === 'PING') return session.startStatusBeat();
    const request = parseWsRequest(text);
    if (E.isLeft(request)) return session.sendError(request.left);
    if (
      session.kind === 'public' &&
      request.right.types.some((t) => PRIVATE_TYPES.includes(t.type))
    ) {
      return session.sendError({
        name: 'INVALID_AUTH',
        message: 'myOrder and myAsset need the private endpoint',
      });
    }
    session.subscribe(request.right);
    const codes = new Set(request.right.types.flatMap((t) => t.codes));
    for (const code of codes) {
      const m = this.world().board.get(code);
      if (m) this.sendMarket(session, m, code, 'SNAPSHOT', (t) => !t.onlyRealtime);
    }
  }

  private sendMarket(
    s: WsSession,
    m: MarketRuntime,
    code: string,
    st: StreamType,
    when: (t: TypeRequest) => boolean,
  ): void {
    const now = this.world().clock.now();
    const want = (type: string): TypeRequest | undefined => {
      const t = s.wants(type, code);
      return t && t.codes.includes(code) && when(t) ? t : undefined;
    };
    if (want('ticker')) s.send(tickerFrame(tickerOf(m, now), st));
    const last = m.history.last();
    if (want('trade') && last) s.send(tradeFrame(last, m.currentBook, now, st));
    const ob = want('orderbook');
    if (ob) s.send(orderbookFrame(code, m.currentBook, ob.counts[code] ?? 30, now, st));
    for (const type of CANDLE_TYPES) {
      const candle = want(type) ? latestCandle(m, type) : undefined;
      if (candle) s.send(candleFrame(type, code, candle, now, st));
    }
  }
}
