/** A DEFAULT-format ticker frame as Upbit sends it. */
export const tickerDefault = {
  type: 'ticker',
  code: 'KRW-BTC',
  opening_price: 95000000,
  high_price: 99000000,
  low_price: 94000000,
  trade_price: 98765432.1,
  prev_closing_price: 95000000,
  change: 'RISE',
  change_price: 3765432.1,
  signed_change_rate: 0.0396361274,
  trade_volume: 0.0105675,
  acc_trade_price_24h: 55330325803.7821,
  acc_trade_volume_24h: 6448.96200341,
  ask_bid: 'BID',
  trade_timestamp: 1763888400000,
  timestamp: 1763888400123,
  market_state: 'ACTIVE',
  stream_type: 'REALTIME',
};

/** The same ticker in SIMPLE format. */
export const tickerSimple = {
  ty: 'ticker',
  cd: 'KRW-BTC',
  op: 95000000,
  hp: 99000000,
  lp: 94000000,
  tp: 98765432.1,
  pcp: 95000000,
  c: 'RISE',
  cp: 3765432.1,
  scr: 0.0396361274,
  tv: 0.0105675,
  atp24h: 55330325803.7821,
  atv24h: 6448.96200341,
  ab: 'BID',
  ttms: 1763888400000,
  tms: 1763888400123,
  ms: 'ACTIVE',
  st: 'REALTIME',
};

/** A SIMPLE trade frame. */
export const tradeSimple = {
  ty: 'trade',
  cd: 'KRW-BTC',
  tp: 98765000,
  tv: 0.001,
  ab: 'ASK',
  ttms: 1763888400000,
  tms: 1763888400050,
  sid: 1763888400000001,
  bap: 98766000,
  bbp: 98765000,
  st: 'SNAPSHOT',
};

/** A SIMPLE myOrder frame for a fill (`state: trade`). */
export const myOrderSimple = {
  ty: 'myOrder',
  cd: 'KRW-BTC',
  uid: 'ac2dc2a3-fce9-40a2-a4f6-5987c25c438f',
  ab: 'BID',
  ot: 'limit',
  s: 'trade',
  tuid: '68315169-fba4-4175-ade3-aff14a616657',
  p: 100000000,
  ap: 100000000,
  v: 0.004,
  rv: 0.006,
  ev: 0.004,
  tc: 1,
  rsf: 500,
  rmf: 300,
  pf: 200,
  l: 600300,
  ef: 400000,
  tif: null,
  tf: 200,
  im: true,
  id: 'pos-1-entry-1',
  ttms: 1763888400000,
  otms: 1763888300000,
  tms: 1763888400010,
  st: 'REALTIME',
};

/** A SIMPLE myAsset frame. */
export const myAssetSimple = {
  ty: 'myAsset',
  astuid: 'e635f223-1609-4969-8fb6-4376937baad6',
  ast: [
    { cu: 'KRW', b: 1000000.5, l: 600300 },
    { cu: 'BTC', b: 0.004, l: 0 },
  ],
  asttms: 1763888400000,
  tms: 1763888400010,
  st: 'REALTIME',
};
