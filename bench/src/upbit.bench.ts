/**
 * `npm run bench -- upbit`: the Upbit client against the embedded emulator.
 * - REST order round trips (POST /v1/orders -> 201 decoded): latency one at a time, throughput
 *   with 16 in flight, emulator rate limits off and the client's raised; then the same burst
 *   under the real limits (order 12/s), where the client must pace itself with no 429.
 * - WebSocket frames/s: decode only (frame bytes -> typed message, DEFAULT and SIMPLE), and end
 *   to end (emulator steps -> socket -> PublicWsClient message).
 * - The emulator's in-memory matching throughput (`measureMatchingThroughput`).
 * `--scale=0.2` shrinks the counts. No assertions: figures only.
 */
import { performance } from 'node:perf_hooks';
import { startEmulator, type RunningEmulator } from '@hoga/upbit-emulator';
import { measureMatchingThroughput } from '@hoga/upbit-emulator/testing';
import {
  decodeFrame,
  PublicWsClient,
  TickerMessageC,
  TradeMessageC,
  UpbitClient,
  type CodecFor,
  type RestClientOptions,
  type WsFormat,
} from '@hoga/upbit';
import { percentile, printTable, writeResults, type Row } from './report.js';

const KEYS = { accessKey: 'bench-access', secretKey: 'bench-secret' };
const scaleOf = (args: readonly string[]): number => {
  const scale = Number(args.find((a) => a.startsWith('--scale='))?.slice('--scale='.length) ?? 1);
  return Number.isFinite(scale) && scale > 0 ? scale : 1;
};

const HIGH = { limit: 1_000_000, windowMs: 1000 };

/** An emulator with Upbit's limits, or with them raised far out of the way (headers say so too). */
function emulator(limits: 'real' | 'raised'): Promise<RunningEmulator> {
  return startEmulator({
    port: 0,
    seed: 1,
    tickIntervalMs: 0,
    historyMinutes: 10,
    markets: [{ market: 'KRW-BTC', startPrice: '100000000' }],
    accounts: [{ ...KEYS, balances: { KRW: '1000000000000' } }],
    rateLimits: limits === 'real' ? {} : { groups: { order: HIGH, default: HIGH, ticker: HIGH } },
  });
}

let orderSeq = 0;
/** One POST /v1/orders round trip: a resting limit bid of 5,000 KRW. */
async function placeOne(client: UpbitClient): Promise<number> {
  const start = performance.now();
  await client.orders.place({
    market: 'KRW-BTC',
    side: 'bid',
    ord_type: 'limit',
    price: '50000000',
    volume: '0.0001',
    identifier: `bench-${process.pid}-${++orderSeq}`,
  });
  return performance.now() - start;
}

/** Runs `total` round trips with `inFlight` workers; returns the latencies and the wall time. */
async function roundTrips(
  client: UpbitClient,
  total: number,
  inFlight: number,
): Promise<{ latencies: number[]; ms: number }> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next++ < total) latencies.push(await placeOne(client));
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return { latencies, ms: performance.now() - start };
}

const raised: RestClientOptions = { rateLimits: { limits: { order: 1e6, default: 1e6 } } };

async function restRows(n: (c: number) => number): Promise<Row[]> {
  const rows: Row[] = [];
  const free = await emulator('raised');
  try {
    const client = new UpbitClient({ baseUrl: free.url, credentials: KEYS, ...raised });
    await roundTrips(client, 50, 4);
    for (const inFlight of [1, 16]) {
      const { latencies, ms } = await roundTrips(client, n(inFlight === 1 ? 1000 : 3000), inFlight);
      rows.push({
        scenario: 'order round trip, limits raised',
        detail: `${inFlight} in flight`,
        n: latencies.length,
        'ops/s': (latencies.length / ms) * 1000,
        'p50 ms': percentile(latencies, 50),
        'p99 ms': percentile(latencies, 99),
      });
    }
  } finally {
    await free.close();
  }
  const real = await emulator('real');
  try {
    let limited = 0;
    const client = new UpbitClient({
      baseUrl: real.url,
      credentials: KEYS,
      onRateLimited: () => limited++,
    });
    const { latencies, ms } = await roundTrips(client, Math.max(24, n(60)), 16);
    rows.push({
      scenario: 'order round trip, real limits (12/s)',
      detail: `16 in flight, 429s: ${limited}`,
      n: latencies.length,
      'ops/s': (latencies.length / ms) * 1000,
      'p50 ms': percentile(latencies, 50),
      'p99 ms': percentile(latencies, 99),
    });
  } finally {
    await real.close();
  }
  return rows;
}

const DEFAULT_TICKER = {
  type: 'ticker',
  code: 'KRW-BTC',
  opening_price: 95000000,
  high_price: 99000000,
  low_price: 94000000,
  trade_price: 98765000,
  prev_closing_price: 95000000,
  change: 'RISE',
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
const SIMPLE_TICKER = {
  ty: 'ticker',
  cd: 'KRW-BTC',
  op: 95000000,
  hp: 99000000,
  lp: 94000000,
  tp: 98765000,
  pcp: 95000000,
  c: 'RISE',
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
const DEFAULT_TRADE = {
  type: 'trade',
  code: 'KRW-BTC',
  trade_price: 98765000,
  trade_volume: 0.001,
  ask_bid: 'ASK',
  trade_timestamp: 1763888400000,
  timestamp: 1763888400050,
  sequential_id: 1763888400000001,
  best_ask_price: 98766000,
  best_bid_price: 98765000,
  stream_type: 'REALTIME',
};
const SIMPLE_TRADE = {
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
  st: 'REALTIME',
};
const codecFor = ((type: string) =>
  type === 'ticker'
    ? TickerMessageC
    : type === 'trade'
      ? TradeMessageC
      : undefined) as CodecFor<unknown>;

function decodeRows(n: number): Row[] {
  const cases: [string, string, unknown][] = [
    ['ticker', 'DEFAULT', DEFAULT_TICKER],
    ['ticker', 'SIMPLE', SIMPLE_TICKER],
    ['trade', 'DEFAULT', DEFAULT_TRADE],
    ['trade', 'SIMPLE', SIMPLE_TRADE],
  ];
  return cases.map(([type, format, frame]) => {
    const bytes = Buffer.from(JSON.stringify(frame), 'utf8');
    for (let i = 0; i < 2000; i++) decodeFrame(bytes, codecFor);
    const start = performance.now();
    let decoded = 0;
    for (let i = 0; i < n; i++) decoded += decodeFrame(bytes, codecFor).messages.length;
    const ms = performance.now() - start;
    return {
      scenario: `WS decode only: ${type}`,
      detail: format,
      n: decoded,
      'ops/s': (decoded / ms) * 1000,
      'p50 ms': '',
      'p99 ms': '',
    };
  });
}

async function endToEndRow(format: WsFormat, steps: number): Promise<Row> {
  const em = await emulator('raised');
  const feed = new PublicWsClient({ url: em.wsUrl, format });
  try {
    let received = 0;
    let lastAt = 0;
    let issues = 0;
    feed.on('message', () => ((received += 1), (lastAt = performance.now())));
    feed.on('issue', () => issues++);
    feed
      .subscribe('ticker', ['KRW-BTC'], { isOnlyRealtime: true })
      .subscribe('trade', ['KRW-BTC'], { isOnlyRealtime: true })
      .start();
    while (received === 0) {
      em.admin.step(1);
      await new Promise((r) => setTimeout(r, 10));
    }
    received = 0;
    const start = performance.now();
    for (let done = 0; done < steps; done += 500) {
      em.admin.step(Math.min(500, steps - done));
      await new Promise((r) => setImmediate(r));
    }
    for (let last = -1; last !== received;) {
      last = received;
      await new Promise((r) => setTimeout(r, 100));
    }
    return {
      scenario: 'WS end to end (emulator -> client)',
      detail: `${format}${issues ? `, issues: ${issues}` : ''}`,
      n: received,
      'ops/s': (received / (lastAt - start)) * 1000,
      'p50 ms': '',
      'p99 ms': '',
    };
  } finally {
    await feed.close();
    await em.close();
  }
}

export async function run(args: string[]): Promise<void> {
  const scale = scaleOf(args);
  const n = (count: number) => Math.max(20, Math.round(count * scale));
  const rows: Row[] = [...(await restRows(n)), ...decodeRows(n(200_000))];
  for (const format of ['DEFAULT', 'SIMPLE'] as WsFormat[])
    rows.push(await endToEndRow(format, n(20_000)));
  const matching = measureMatchingThroughput(n(20_000));
  rows.push({
    scenario: 'emulator matching (in memory)',
    detail: `${matching.fills} fills`,
    n: matching.orders,
    'ops/s': matching.ordersPerSecond,
    'p50 ms': '',
    'p99 ms': '',
  });
  printTable('upbit: client <-> emulator', rows);
  const file = writeResults('upbit', rows, {
    scale,
    node: process.version,
    note: 'REST over loopback HTTP/1.1 keep-alive (undici fetch); one process hosts client and emulator',
  });
  console.log(`\nwrote ${file}`);
}
