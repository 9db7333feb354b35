import type { Bus } from '@hoga/bus';
import { wrap } from '@hoga/contracts';
import type { Market } from '@hoga/model';
import type { SocketOptions } from '@hoga/upbit';
import { startEmulator, type RunningEmulator } from '@hoga/upbit-emulator';
import type { GetCandleHistory, HistoryInterval, WatchMarkets } from '@hoga/contracts';
import { start } from '../service.js';
import type { MarketFeed } from '../market-feed.types.js';
import { testConfig } from './feed-config.js';
import { SkewedClock } from './fake-clock.js';
import { quietLogger } from './quiet-logger.js';

/** A fast reconnect, so a dropped socket is back within milliseconds. */
export const FAST_SOCKET = { backoff: { initialMs: 10, maxMs: 50 } };

/** The emulator's three markets; the feed watches BTC and ETH from the start. */
export const startTestEmulator = (): Promise<RunningEmulator> =>
  startEmulator({
    port: 0,
    seed: 3,
    tickIntervalMs: 0,
    historyMinutes: 1500,
    markets: [
      { market: 'KRW-BTC', startPrice: '140000000' },
      { market: 'KRW-ETH', startPrice: '5000000' },
      { market: 'KRW-XRP', startPrice: '3000' },
    ],
  });

/** The feed on `emulator` over `bus`, forming candles unthrottled, timer every 20 ms. */
export async function startTestFeed(
  emulator: RunningEmulator,
  bus: Bus,
  clock = new SkewedClock(),
  socket: SocketOptions = {},
): Promise<MarketFeed> {
  const config = testConfig({
    upbit: { wsUrl: emulator.wsUrl, restUrl: emulator.url },
    markets: ['KRW-BTC', 'KRW-ETH'],
    candles: { formingThrottleMs: 0 },
    timerMs: 20,
  });
  return start({
    env: {},
    config,
    connections: { bus, clock, logger: quietLogger(), socket: { ...FAST_SOCKET, ...socket } },
  });
}

/** Sorted market codes, typed. */
export const markets = (...codes: string[]): Market[] => (codes as Market[]).sort();

let requests = 0;
/** An ops request envelope. */
function request<T extends string, D>(type: T, data: D) {
  const id = `test-${type}-${++requests}`;
  return wrap(type, data, {
    id,
    occurredAt: new Date().toISOString(),
    causationId: null,
    correlationId: id,
  });
}

/** A history request for the last `count` closed candles. */
export const historyRequest = (
  market: string,
  interval: HistoryInterval,
  count: number,
): GetCandleHistory =>
  request('GetCandleHistory', { market: market as Market, interval, count, to: null });

/** A status request. */
export const statusRequest = () => request('GetFeedStatus', {});

/** A lease request of `position-actor/p1`. */
export const watchRequest = (list: string[], ttlMs = 60_000): WatchMarkets =>
  request('WatchMarkets', { holder: 'position-actor/p1', markets: markets(...list), ttlMs });
