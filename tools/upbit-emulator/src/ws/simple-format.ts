/** DEFAULT -> SIMPLE key names of Upbit's WebSocket frames (unlisted keys pass unchanged). */
const COMMON: Readonly<Record<string, string>> = {
  type: 'ty',
  code: 'cd',
  timestamp: 'tms',
  stream_type: 'st',
};

const BY_TYPE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  ticker: {
    opening_price: 'op',
    high_price: 'hp',
    low_price: 'lp',
    trade_price: 'tp',
    prev_closing_price: 'pcp',
    change: 'c',
    change_price: 'cp',
    signed_change_price: 'scp',
    change_rate: 'cr',
    signed_change_rate: 'scr',
    trade_volume: 'tv',
    acc_trade_volume: 'atv',
    acc_trade_volume_24h: 'atv24h',
    acc_trade_price: 'atp',
    acc_trade_price_24h: 'atp24h',
    trade_date: 'tdt',
    trade_time: 'ttm',
    trade_timestamp: 'ttms',
    ask_bid: 'ab',
    acc_ask_volume: 'aav',
    acc_bid_volume: 'abv',
    highest_52_week_price: 'h52wp',
    highest_52_week_date: 'h52wdt',
    lowest_52_week_price: 'l52wp',
    lowest_52_week_date: 'l52wdt',
    market_state: 'ms',
    is_trading_suspended: 'its',
    delisting_date: 'dd',
    market_warning: 'mw',
  },
  trade: {
    trade_price: 'tp',
    trade_volume: 'tv',
    ask_bid: 'ab',
    prev_closing_price: 'pcp',
    change: 'c',
    change_price: 'cp',
    trade_date: 'td',
    trade_time: 'ttm',
    trade_timestamp: 'ttms',
    sequential_id: 'sid',
    best_ask_price: 'bap',
    best_ask_size: 'bas',
    best_bid_price: 'bbp',
    best_bid_size: 'bbs',
  },
  orderbook: {
    total_ask_size: 'tas',
    total_bid_size: 'tbs',
    orderbook_units: 'obu',
    ask_price: 'ap',
    bid_price: 'bp',
    ask_size: 'as',
    bid_size: 'bs',
    level: 'lv',
  },
  candle: {
    candle_date_time_utc: 'cdttmu',
    candle_date_time_kst: 'cdttmk',
    opening_price: 'op',
    high_price: 'hp',
    low_price: 'lp',
    trade_price: 'tp',
    candle_acc_trade_volume: 'catv',
    candle_acc_trade_price: 'catp',
  },
  myOrder: {
    uuid: 'uid',
    ask_bid: 'ab',
    order_type: 'ot',
    state: 's',
    trade_uuid: 'tuid',
    price: 'p',
    avg_price: 'ap',
    volume: 'v',
    remaining_volume: 'rv',
    executed_volume: 'ev',
    trades_count: 'tc',
    reserved_fee: 'rsf',
    remaining_fee: 'rmf',
    paid_fee: 'pf',
    locked: 'l',
    executed_funds: 'ef',
    time_in_force: 'tif',
    trade_fee: 'tf',
    is_maker: 'im',
    identifier: 'id',
    smp_type: 'smpt',
    prevented_volume: 'pv',
    prevented_locked: 'pl',
    trade_timestamp: 'ttms',
    order_timestamp: 'otms',
  },
  myAsset: {
    asset_uuid: 'astuid',
    assets: 'ast',
    currency: 'cu',
    balance: 'b',
    locked: 'l',
    asset_timestamp: 'asttms',
  },
};

function rename(value: unknown, keys: Readonly<Record<string, string>>): unknown {
  if (Array.isArray(value)) return value.map((v) => rename(v, keys));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [keys[k] ?? COMMON[k] ?? k, rename(v, keys)]),
  );
}

/** The SIMPLE form of a DEFAULT frame. */
export function toSimple(frame: Record<string, unknown>): Record<string, unknown> {
  const type = String(frame['type']);
  const keys = BY_TYPE[type.startsWith('candle.') ? 'candle' : type] ?? {};
  return rename(frame, keys) as Record<string, unknown>;
}
