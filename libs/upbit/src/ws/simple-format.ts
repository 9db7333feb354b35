/**
 * SIMPLE-format frames use short keys; these tables map them back to the DEFAULT names, per
 * message type (the same short key means different fields in different types: `ap` is
 * `ask_price` in an orderbook unit but `avg_price` in myOrder). Unknown keys pass through.
 */
type KeyMap = Readonly<Record<string, string>>;

const COMMON: KeyMap = { ty: 'type', cd: 'code', tms: 'timestamp', st: 'stream_type' };

const TICKER: KeyMap = {
  ...COMMON,
  op: 'opening_price',
  hp: 'high_price',
  lp: 'low_price',
  tp: 'trade_price',
  pcp: 'prev_closing_price',
  c: 'change',
  cp: 'change_price',
  scp: 'signed_change_price',
  cr: 'change_rate',
  scr: 'signed_change_rate',
  tv: 'trade_volume',
  atv: 'acc_trade_volume',
  atv24h: 'acc_trade_volume_24h',
  atp: 'acc_trade_price',
  atp24h: 'acc_trade_price_24h',
  tdt: 'trade_date',
  ttm: 'trade_time',
  ttms: 'trade_timestamp',
  ab: 'ask_bid',
  aav: 'acc_ask_volume',
  abv: 'acc_bid_volume',
  h52wp: 'highest_52_week_price',
  h52wdt: 'highest_52_week_date',
  l52wp: 'lowest_52_week_price',
  l52wdt: 'lowest_52_week_date',
  ms: 'market_state',
  its: 'is_trading_suspended',
  dd: 'delisting_date',
  mw: 'market_warning',
};

const TRADE: KeyMap = {
  ...COMMON,
  tp: 'trade_price',
  tv: 'trade_volume',
  ab: 'ask_bid',
  pcp: 'prev_closing_price',
  c: 'change',
  cp: 'change_price',
  td: 'trade_date',
  ttm: 'trade_time',
  ttms: 'trade_timestamp',
  sid: 'sequential_id',
  bap: 'best_ask_price',
  bas: 'best_ask_size',
  bbp: 'best_bid_price',
  bbs: 'best_bid_size',
};

const ORDERBOOK: KeyMap = {
  ...COMMON,
  tas: 'total_ask_size',
  tbs: 'total_bid_size',
  obu: 'orderbook_units',
  lv: 'level',
};
const ORDERBOOK_UNIT: KeyMap = { ap: 'ask_price', bp: 'bid_price', as: 'ask_size', bs: 'bid_size' };

const CANDLE: KeyMap = {
  ...COMMON,
  cdttmu: 'candle_date_time_utc',
  cdttmk: 'candle_date_time_kst',
  op: 'opening_price',
  hp: 'high_price',
  lp: 'low_price',
  tp: 'trade_price',
  catv: 'candle_acc_trade_volume',
  catp: 'candle_acc_trade_price',
};

const MY_ORDER: KeyMap = {
  ...COMMON,
  uid: 'uuid',
  ab: 'ask_bid',
  ot: 'order_type',
  s: 'state',
  tuid: 'trade_uuid',
  p: 'price',
  ap: 'avg_price',
  v: 'volume',
  rv: 'remaining_volume',
  ev: 'executed_volume',
  tc: 'trades_count',
  rsf: 'reserved_fee',
  rmf: 'remaining_fee',
  pf: 'paid_fee',
  l: 'locked',
  ef: 'executed_funds',
  tif: 'time_in_force',
  tf: 'trade_fee',
  im: 'is_maker',
  id: 'identifier',
  smpt: 'smp_type',
  pv: 'prevented_volume',
  pl: 'prevented_locked',
  ttms: 'trade_timestamp',
  otms: 'order_timestamp',
};

const MY_ASSET: KeyMap = {
  ...COMMON,
  astuid: 'asset_uuid',
  ast: 'assets',
  asttms: 'asset_timestamp',
};
const MY_ASSET_ITEM: KeyMap = { cu: 'currency', b: 'balance', l: 'locked' };

/** Lookup tables as Maps: no prototype keys (`constructor`, `toString`) can match. */
type Table = ReadonlyMap<string, string>;
const table = (keys: KeyMap): Table => new Map(Object.entries(keys));
const TABLES: ReadonlyMap<string, Table> = new Map([
  ['ticker', table(TICKER)],
  ['trade', table(TRADE)],
  ['orderbook', table(ORDERBOOK)],
  ['myOrder', table(MY_ORDER)],
  ['myAsset', table(MY_ASSET)],
]);
const CANDLE_TABLE = table(CANDLE);
const COMMON_TABLE = table(COMMON);
const NESTED: ReadonlyMap<string, Table> = new Map([
  ['orderbook_units', table(ORDERBOOK_UNIT)],
  ['assets', table(MY_ASSET_ITEM)],
]);

function tableFor(type: unknown): Table {
  if (typeof type !== 'string') return COMMON_TABLE;
  return TABLES.get(type) ?? (type.startsWith('candle.') ? CANDLE_TABLE : COMMON_TABLE);
}

/** True when a frame object is in SIMPLE format (it has `ty` rather than `type`). */
export const isSimpleFrame = (frame: Record<string, unknown>): boolean =>
  'ty' in frame && !('type' in frame);

/** Renames a SIMPLE frame's keys to the DEFAULT names (nested lists included). */
export function fromSimple(frame: Record<string, unknown>): Record<string, unknown> {
  const table = tableFor(frame.ty);
  return renameKeys(frame, table);
}

function renameKeys(source: Record<string, unknown>, keys: Table): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    const value = source[key];
    const name = keys.get(key) ?? key;
    const nested = Array.isArray(value) ? NESTED.get(name) : undefined;
    out[name] =
      nested === undefined ? value : (value as unknown[]).map((v) => renameItem(v, nested));
  }
  return out;
}

const renameItem = (v: unknown, keys: Table): unknown =>
  v !== null && typeof v === 'object' && !Array.isArray(v)
    ? renameKeys(v as Record<string, unknown>, keys)
    : v;
