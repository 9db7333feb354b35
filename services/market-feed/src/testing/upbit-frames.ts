/** Fields of a synthetic trade, as the frame builders take them. */
export interface TradeSpec {
  readonly code?: string;
  readonly price: number;
  readonly volume: number;
  readonly askBid?: 'ASK' | 'BID';
  /** Trade time (ms). */
  readonly at: number;
  readonly sequentialId?: number;
  /** Send time (ms); default `at`. */
  readonly sentAt?: number;
  readonly streamType?: 'SNAPSHOT' | 'REALTIME';
}

/** A DEFAULT-format `trade` frame object as Upbit sends it (JSON numbers). */
export const tradeFrame = (s: TradeSpec): Record<string, unknown> => ({
  type: 'trade',
  code: s.code ?? 'KRW-BTC',
  trade_price: s.price,
  trade_volume: s.volume,
  ask_bid: s.askBid ?? 'BID',
  prev_closing_price: s.price,
  change: 'EVEN',
  change_price: 0,
  trade_date: new Date(s.at).toISOString().slice(0, 10),
  trade_time: new Date(s.at).toISOString().slice(11, 19),
  trade_timestamp: s.at,
  timestamp: s.sentAt ?? s.at,
  sequential_id: s.sequentialId ?? s.at * 1000,
  best_ask_price: s.price + 1000,
  best_ask_size: 0.5,
  best_bid_price: s.price,
  best_bid_size: 0.5,
  stream_type: s.streamType ?? 'REALTIME',
});

/** The same trade as a SIMPLE-format frame (Upbit's short keys). */
export const tradeFrameSimple = (s: TradeSpec): Record<string, unknown> => ({
  ty: 'trade',
  cd: s.code ?? 'KRW-BTC',
  tp: s.price,
  tv: s.volume,
  ab: s.askBid ?? 'BID',
  pcp: s.price,
  c: 'EVEN',
  cp: 0,
  ttms: s.at,
  tms: s.sentAt ?? s.at,
  sid: s.sequentialId ?? s.at * 1000,
  bap: s.price + 1000,
  bas: 0.5,
  bbp: s.price,
  bbs: 0.5,
  st: s.streamType ?? 'REALTIME',
});

/** A DEFAULT-format `ticker` frame reporting the trade. */
export const tickerFrame = (s: TradeSpec): Record<string, unknown> => ({
  type: 'ticker',
  code: s.code ?? 'KRW-BTC',
  opening_price: s.price,
  high_price: s.price,
  low_price: s.price,
  trade_price: s.price,
  prev_closing_price: s.price,
  change: 'EVEN',
  change_price: 0,
  signed_change_rate: 0,
  trade_volume: s.volume,
  acc_trade_price_24h: 1000000000,
  acc_trade_volume_24h: 10,
  ask_bid: s.askBid ?? 'BID',
  trade_timestamp: s.at,
  timestamp: s.sentAt ?? s.at,
  market_state: 'ACTIVE',
  stream_type: s.streamType ?? 'REALTIME',
});
