import { type Decimal, dec, truncateVolume } from '@hoga/model';
import { createRandom } from '../util/prng.js';
import { MINUTE_MS } from './candle-series.js';
import type { PublicTrade } from './market-history.js';
import { MarketRuntime, type MarketSpec } from './market-runtime.js';
import { PriceSimulator, type SourceTrade, type WalkParams } from './price-simulator.js';
import { ReplayCursor, type ReplayFrame } from './replay-feed.js';

/** One market of the board: what it is, where it starts, how it walks. */
export interface BoardMarket {
  readonly spec: MarketSpec;
  readonly startPrice: Decimal;
  readonly walk: WalkParams;
}

/** Everything the board needs to build the markets, deterministically from `seed`. */
export interface BoardConfig {
  readonly seed: string | number;
  readonly markets: readonly BoardMarket[];
  /** Minutes of synthetic 1-minute history generated before the start (for candles). */
  readonly historyMinutes: number;
  readonly replay?: { readonly frames: readonly ReplayFrame[]; readonly loop: boolean };
}

/**
 * All markets and their price sources: a seeded random walk per market, or a replay of
 * recorded frames for the markets the recording covers. `step` advances every source once.
 */
export class MarketBoard {
  private readonly runtimes = new Map<string, MarketRuntime>();
  private readonly simulators = new Map<string, PriceSimulator>();
  private readonly walks = new Map<string, WalkParams>();
  private readonly replay: ReplayCursor | undefined;

  constructor(config: BoardConfig, now: number) {
    this.replay = config.replay
      ? new ReplayCursor(config.replay.frames, config.replay.loop)
      : undefined;
    const replayed = new Set(this.replay?.markets() ?? []);
    for (const m of config.markets) {
      const runtime = new MarketRuntime(m.spec, m.startPrice);
      writeHistory(runtime, m, config, now);
      this.runtimes.set(m.spec.market, runtime);
      this.walks.set(m.spec.market, m.walk);
      if (!replayed.has(m.spec.market)) {
        const rng = createRandom(config.seed, `walk:${m.spec.market}`);
        this.simulators.set(m.spec.market, new PriceSimulator(m.startPrice, m.walk, rng));
      }
    }
  }

  /** The market with this code. */
  get(market: string): MarketRuntime | undefined {
    return this.runtimes.get(market);
  }

  /** Every market, in configuration order. */
  list(): MarketRuntime[] {
    return [...this.runtimes.values()];
  }

  /** One step: each simulated market trades once and the replay advances one frame. */
  step(at: number): PublicTrade[] {
    const trades: PublicTrade[] = [];
    for (const [code, sim] of this.simulators)
      trades.push(this.runtimes.get(code)!.trade(sim.next(), at));
    const frame = this.replay?.next();
    const runtime = frame && this.runtimes.get(frame.market);
    if (frame && runtime) trades.push(runtime.trade(frame, at));
    return trades;
  }

  /** Trades `market` at `price` now (an operator's move); the walk continues from there. */
  setPrice(market: string, price: Decimal, at: number): PublicTrade | undefined {
    const runtime = this.runtimes.get(market);
    const walk = this.walks.get(market);
    if (!runtime || !walk) return undefined;
    this.simulators.get(market)?.reset(price);
    const volume = truncateVolume(walk.tradeKrw.div(price));
    const askBid = price.gte(runtime.price) ? 'BID' : 'ASK';
    return runtime.trade({ price, volume: volume.gt(0) ? volume : dec('0.00000001'), askBid }, at);
  }
}

/**
 * Synthetic past: a walk run backwards from the start price, one trade per minute, so the
 * newest historical price is the start price and candles exist from the first request.
 */
function writeHistory(
  runtime: MarketRuntime,
  m: BoardMarket,
  config: BoardConfig,
  now: number,
): void {
  const n = config.historyMinutes;
  if (n <= 0) return;
  const sim = new PriceSimulator(
    m.startPrice,
    m.walk,
    createRandom(config.seed, `history:${m.spec.market}`),
  );
  const past: SourceTrade[] = [];
  for (let i = 0; i < n - 1; i++) past.push(sim.next());
  past.reverse();
  const startMinute = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  past.forEach((t, i) => runtime.trade(t, startMinute - (n - i) * MINUTE_MS));
  const volume = past[past.length - 1]?.volume ?? dec('0.0001');
  runtime.trade({ price: m.startPrice, volume, askBid: 'BID' }, startMinute - MINUTE_MS);
}
