import { Market } from '@hoga/model';
import type { Tick, TradeSide } from '@hoga/contracts';
import type { TickerMessage, TradeMessage } from '@hoga/upbit';

/** The data of a {@link Tick}: one normalized market trade. */
export type TickData = Tick['data'];

/** A trade-bearing frame, decoded (DEFAULT names whatever the wire format was). */
export type TradeBearingMessage = TradeMessage | TickerMessage;

/** A frame turned into a tick candidate: what the sequence guard needs, and how to finish it. */
export interface TickCandidate {
  readonly market: Market;
  readonly tradeTimestamp: number;
  /** Equal identities are the same trade. */
  readonly identity: string;
  /** The identity the same trade has when it comes as a ticker frame (trade frames only). */
  readonly tickerIdentity?: () => string;
  /** The tick, given the trade's ordinal among the accepted trades of its millisecond. */
  readonly tick: (ordinal: number) => TickData;
}

/** Why a frame gave no tick candidate. */
export type NormalizeRejection = 'not-a-krw-market' | 'sequence-id-unsafe';

const side = (askBid: 'ASK' | 'BID'): TradeSide => (askBid === 'ASK' ? 'ask' : 'bid');

/** Trades per millisecond a synthesized id leaves room for (Upbit's own ids are ms × 1000 + n). */
const TICKER_IDS_PER_MS = 1000;

/** The identity of a trade reported by a ticker frame, which has no trade id. */
const tickerIdentity = (m: TradeBearingMessage): string =>
  `tk:${m.trade_timestamp}:${m.trade_price.toString()}:${m.trade_volume.toString()}:${m.ask_bid}`;

/**
 * A `trade` frame: identity and `sequentialId` are Upbit's `sequential_id` (unique per trade).
 * Ids beyond 2^53 cannot be carried exactly in JSON and are rejected.
 */
export function candidateFromTrade(m: TradeMessage): TickCandidate | NormalizeRejection {
  if (!Market.is(m.code)) return 'not-a-krw-market';
  if (!Number.isSafeInteger(m.sequential_id)) return 'sequence-id-unsafe';
  const data: TickData = {
    market: m.code,
    price: m.trade_price,
    volume: m.trade_volume,
    side: side(m.ask_bid),
    tradeTimestamp: m.trade_timestamp,
    sequentialId: m.sequential_id,
    bestBid: m.best_bid_price,
    bestAsk: m.best_ask_price,
  };
  return {
    market: m.code,
    tradeTimestamp: m.trade_timestamp,
    identity: `sid:${m.sequential_id}`,
    tickerIdentity: () => tickerIdentity(m),
    tick: () => data,
  };
}

/**
 * A `ticker` frame, for markets whose source has no trade frames: each ticker reports the trade
 * that caused it. It has no trade id, so the identity is (time, price, volume, side) and the
 * `sequentialId` is synthesized as `trade_timestamp × 1000 + ordinal`, Upbit's own id layout.
 * Best bid and ask are unknown (null).
 */
export function candidateFromTicker(m: TickerMessage): TickCandidate | NormalizeRejection {
  if (!Market.is(m.code)) return 'not-a-krw-market';
  const market = m.code;
  return {
    market,
    tradeTimestamp: m.trade_timestamp,
    identity: tickerIdentity(m),
    tick: (ordinal) => ({
      market,
      price: m.trade_price,
      volume: m.trade_volume,
      side: side(m.ask_bid),
      tradeTimestamp: m.trade_timestamp,
      sequentialId:
        m.trade_timestamp * TICKER_IDS_PER_MS + Math.min(ordinal, TICKER_IDS_PER_MS - 1),
      bestBid: null,
      bestAsk: null,
    }),
  };
}
