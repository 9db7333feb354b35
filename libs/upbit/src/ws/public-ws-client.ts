import { CandleMessageC, type CandleMessage, type CandleType } from './codecs/candle.ws.codec.js';
import { OrderbookMessageC, type OrderbookMessage } from './codecs/orderbook.ws.codec.js';
import { TickerMessageC, type TickerMessage } from './codecs/ticker.ws.codec.js';
import { TradeMessageC, type TradeMessage } from './codecs/trade.ws.codec.js';
import type { CodecFor } from './frame-decoder.js';
import type { SubscribeOptions } from './subscriptions.js';
import { UpbitWsClient, type WsClientOptions } from './upbit-ws-client.js';

/** A message of the public (quotation) stream, discriminated by `type`. */
export type PublicWsMessage = TickerMessage | TradeMessage | OrderbookMessage | CandleMessage;
/** A public stream type. */
export type PublicStreamType = 'ticker' | 'trade' | 'orderbook' | CandleType;

/** Public client settings. */
export interface PublicWsClientOptions extends WsClientOptions {
  /** Default `wss://api.upbit.com/websocket/v1`. */
  readonly url?: string;
}

const codecFor: CodecFor<PublicWsMessage> = (type) => {
  if (type === 'ticker') return TickerMessageC;
  if (type === 'trade') return TradeMessageC;
  if (type === 'orderbook') return OrderbookMessageC;
  return type.startsWith('candle.') ? CandleMessageC : undefined;
};

/**
 * Upbit's public WebSocket (ticker, trade, orderbook, candle.*): typed messages in DEFAULT
 * shape whatever the wire format, reconnect with full resubscribe, keep-alive and stall deadline.
 */
export class PublicWsClient extends UpbitWsClient<PublicWsMessage> {
  constructor(options: PublicWsClientOptions = {}) {
    super(options.url ?? 'wss://api.upbit.com/websocket/v1', options, codecFor);
  }

  /** Adds codes (upper-cased) to a stream; takes effect at once and on every reconnect. */
  subscribe(type: PublicStreamType, codes: readonly string[], options?: SubscribeOptions): this {
    this.subscriptions.add(type, codes, options);
    this.resubscribe();
    return this;
  }

  /** Removes codes from a stream, or the whole stream when no codes are given. */
  unsubscribe(type: PublicStreamType, codes?: readonly string[]): this {
    this.subscriptions.remove(type, codes);
    this.resubscribe();
    return this;
  }
}
