import { performance } from 'node:perf_hooks';
import type { Decimal } from '@hoga/model';
import * as E from 'fp-ts/lib/Either.js';
import { resolveOptions, type EmulatorConfig } from '../config/resolve-options.js';
import { moveTicks } from '../market/tick-steps.js';
import { ManualClock } from '../util/clock.js';
import { createWorld, type World } from '../world.js';

/** What one throughput run measured. */
export interface MatchingThroughput {
  /** Orders submitted (and accepted). */
  readonly orders: number;
  /** Fills produced (taker and maker). */
  readonly fills: number;
  /** Price steps taken (each matches resting orders). */
  readonly steps: number;
  readonly elapsedMs: number;
  readonly ordersPerSecond: number;
}

/**
 * Runs `n` orders through the in-memory exchange (no HTTP): a mix of resting limit bids and
 * asks near the price, market buys and market sells, with a price step every 10 orders.
 * For `bench/` (the lead's `upbit.bench.ts`); no assertions on time live in tests.
 */
export function measureMatchingThroughput(
  n = 10_000,
  seed: string | number = 1,
): MatchingThroughput {
  const clock = new ManualClock();
  const accessKey = 'bench';
  const config = matchingBenchConfig(clock, accessKey, seed);
  let fills = 0;
  const world = createWorld(config, {
    marketTraded: () => undefined,
    assetsChanged: () => undefined,
    orderChanged: (_o, change) => void (change.kind === 'trade' && fills++),
  });
  const started = performance.now();
  const { accepted, steps } = runMatchingWorkload(world, clock, accessKey, n);
  const elapsedMs = performance.now() - started;
  return {
    orders: accepted,
    fills,
    steps,
    elapsedMs,
    ordersPerSecond: elapsedMs > 0 ? (accepted / elapsedMs) * 1000 : accepted,
  };
}

/** The bench's exchange: one market, one rich account, manual clock, no limits. */
export function matchingBenchConfig(
  clock: ManualClock,
  accessKey: string,
  seed: string | number,
): EmulatorConfig {
  return resolveOptions({
    seed,
    clock,
    historyMinutes: 0,
    tickIntervalMs: 0,
    markets: [{ market: 'KRW-BTC', startPrice: '100000000', volatility: 0.0005 }],
    accounts: [
      { accessKey, secretKey: 'bench', balances: { KRW: '1000000000000', BTC: '100000' } },
    ],
    rateLimits: { enabled: false },
  });
}

function bodyOf(i: number, price: Decimal, offset: number): Record<string, string> {
  return i % 4 === 0
    ? {
        market: 'KRW-BTC',
        side: 'bid',
        ord_type: 'limit',
        price: moveTicks(price, -offset).toString(),
        volume: '0.001',
      }
    : i % 4 === 1
      ? {
          market: 'KRW-BTC',
          side: 'ask',
          ord_type: 'limit',
          price: moveTicks(price, offset).toString(),
          volume: '0.001',
        }
      : i % 4 === 2
        ? { market: 'KRW-BTC', side: 'bid', ord_type: 'price', price: '100000' }
        : { market: 'KRW-BTC', side: 'ask', ord_type: 'market', volume: '0.001' };
}

/** The same order as a client's JSON text (the keys in the same order). */
function textOf(i: number, price: Decimal, offset: number): string {
  const limit = (side: string, at: Decimal) =>
    `{"market":"KRW-BTC","side":"${side}","ord_type":"limit","price":"${at.toString()}","volume":"0.001"}`;
  return i % 4 === 0
    ? limit('bid', moveTicks(price, -offset))
    : i % 4 === 1
      ? limit('ask', moveTicks(price, offset))
      : i % 4 === 2
        ? '{"market":"KRW-BTC","side":"bid","ord_type":"price","price":"100000"}'
        : '{"market":"KRW-BTC","side":"ask","ord_type":"market","volume":"0.001"}';
}

/** A REST server's part: the body parsed from its text, the text handed on with it. */
const placeAsText = (world: World, accessKey: string, text: string) =>
  world.exchange.placeOrder(accessKey, JSON.parse(text) as unknown, false, text);

/**
 * Order `i` of the bench workload, and a price step after every 10th; what it did. `asText`:
 * the order comes as a REST request's JSON text, parsed here (as the server parses it) and
 * handed to the exchange with its text (which a durable exchange journals as it came).
 */
export function matchingWorkloadStep(
  world: World,
  clock: ManualClock,
  accessKey: string,
  i: number,
  afterEach: () => void = () => undefined,
  asText = false,
): { accepted: boolean; stepped: boolean } {
  const market = world.board.get('KRW-BTC')!;
  const offset = (i % 5) + 1;
  const placed = asText
    ? placeAsText(world, accessKey, textOf(i, market.price, offset))
    : world.exchange.placeOrder(accessKey, bodyOf(i, market.price, offset));
  const accepted = E.isRight(placed);
  afterEach();
  if (i % 10 !== 9) return { accepted, stepped: false };
  clock.advance(1000);
  world.step();
  afterEach();
  return { accepted, stepped: true };
}

/**
 * The bench's orders: resting limit bids and asks near the price, market buys and market
 * sells, a price step every 10 orders. `afterEach` runs after every order and step (the end of
 * one request, where a durable exchange commits).
 */
export function runMatchingWorkload(
  world: World,
  clock: ManualClock,
  accessKey: string,
  n: number,
  afterEach: () => void = () => undefined,
  asText = false,
): { accepted: number; steps: number } {
  let accepted = 0;
  let steps = 0;
  for (let i = 0; i < n; i++) {
    const r = matchingWorkloadStep(world, clock, accessKey, i, afterEach, asText);
    if (r.accepted) accepted++;
    if (r.stepped) steps++;
  }
  return { accepted, steps };
}
