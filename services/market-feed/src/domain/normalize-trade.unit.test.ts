import { deepEqual, equal, ok } from 'node:assert/strict';
import {
  decodeFrame,
  TickerMessageC,
  TradeMessageC,
  type CodecFor,
  type TickerMessage,
  type TradeMessage,
} from '@hoga/upbit';
import {
  tickerFrame,
  tradeFrame,
  tradeFrameSimple,
  type TradeSpec,
} from '../testing/upbit-frames.js';
import {
  candidateFromTicker,
  candidateFromTrade,
  type TradeBearingMessage,
} from './normalize-trade.js';

const codecFor: CodecFor<TradeBearingMessage> = (type) =>
  type === 'trade' ? TradeMessageC : type === 'ticker' ? TickerMessageC : undefined;

/** Decodes one frame object as the WebSocket client would (binary UTF-8 JSON). */
function decoded<M extends TradeBearingMessage>(frame: Record<string, unknown>): M {
  const { messages, issues } = decodeFrame(Buffer.from(JSON.stringify(frame)), codecFor);
  deepEqual(issues, []);
  return messages[0] as M;
}

const spec: TradeSpec = {
  price: 98765432.1,
  volume: 0.00012345,
  askBid: 'ASK',
  at: 1767571200123,
  sequentialId: 1767571200123004,
};

/** A tick's fields as text, so decimals compare by value and kind. */
const plain = (tick: object) => JSON.parse(JSON.stringify(tick)) as unknown;

describe('normalization', () => {
  it('makes the same exact tick from a DEFAULT and from a SIMPLE trade frame', () => {
    const fromDefault = candidateFromTrade(decoded<TradeMessage>(tradeFrame(spec)));
    const fromSimple = candidateFromTrade(decoded<TradeMessage>(tradeFrameSimple(spec)));
    ok(typeof fromDefault !== 'string' && typeof fromSimple !== 'string');
    const tick = fromDefault.tick(0);
    deepEqual(plain(tick), {
      market: 'KRW-BTC',
      price: '98765432.1',
      volume: '0.00012345',
      side: 'ask',
      tradeTimestamp: 1767571200123,
      sequentialId: 1767571200123004,
      bestBid: '98765432.1',
      bestAsk: '98766432.1',
    });
    deepEqual(plain(fromSimple.tick(0)), plain(tick));
    equal(fromDefault.identity, 'sid:1767571200123004');
    equal(fromDefault.tickerIdentity?.(), 'tk:1767571200123:98765432.1:0.00012345:ASK');
  });

  it('refuses markets outside KRW and sequential ids JSON cannot carry exactly', () => {
    equal(
      candidateFromTrade(decoded(tradeFrame({ ...spec, code: 'BTC-ETH' }))),
      'not-a-krw-market',
    );
    const huge = { ...tradeFrame(spec), sequential_id: '99999999999999999999' };
    equal(candidateFromTrade(decoded(huge)), 'sequence-id-unsafe');
  });

  it('makes a tick from a ticker frame: id synthesized from the time, no best prices', () => {
    const c = candidateFromTicker(decoded<TickerMessage>(tickerFrame(spec)));
    ok(typeof c !== 'string');
    equal(c.identity, 'tk:1767571200123:98765432.1:0.00012345:ASK');
    const second = c.tick(2);
    equal(second.sequentialId, 1767571200123002);
    equal(second.bestBid, null);
    equal(second.bestAsk, null);
    equal(second.price.toString(), '98765432.1');
  });
});
