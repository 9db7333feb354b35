import type { Decimal } from '@hoga/model';
import type { EmulatorConfig } from './config/resolve-options.js';
import { Exchange, type ExchangeListener } from './exchange/exchange.js';
import { MarketBoard } from './market/market-board.js';
import type { PublicTrade } from './market/market-history.js';
import type { Clock } from './util/clock.js';
import { createRandom, randomAt, randomUuid, type RandomState } from './util/prng.js';

/** Who hears about everything that happens in the world (the WebSocket hub). */
export interface WorldListener extends ExchangeListener {
  /** A public market trade happened (before resting orders are matched against it). */
  marketTraded(trade: PublicTrade): void;
}

/** The exchange's whole mutable state: markets, accounts, orders. A reset builds a new one. */
export interface World {
  readonly board: MarketBoard;
  readonly exchange: Exchange;
  readonly clock: Clock;
  /** Advances every market one step and matches resting orders; returns the market trades. */
  step(): PublicTrade[];
  /** Trades a market at `price` now (operator move) and matches resting orders. */
  setPrice(market: string, price: Decimal): PublicTrade | undefined;
  /** Where the stream of order and trade uuids is (persistence: a replay continues from it). */
  idState(): RandomState;
}

/**
 * Builds the world of a configuration: deterministic for its seed. `ids` continues a uuid
 * stream from a saved position instead of starting the seed's.
 */
export function createWorld(
  config: EmulatorConfig,
  listener: WorldListener,
  ids: RandomState | undefined = undefined,
): World {
  const clock = config.clock;
  const board = new MarketBoard(
    {
      seed: config.seed,
      markets: config.markets,
      historyMinutes: config.historyMinutes,
      replay: config.replay,
    },
    clock.now(),
  );
  const idStream = ids ? randomAt(ids) : createRandom(config.seed, 'uuids');
  const testIds = createRandom(config.seed, 'test-order-uuids');
  const exchange = new Exchange(
    board,
    config.rules,
    () => clock.now(),
    () => randomUuid(idStream),
    listener,
    () => randomUuid(testIds),
  );
  for (const a of config.accounts) {
    const account = exchange.addAccount(a);
    for (const [currency, amount] of Object.entries(a.balances))
      account.ledger.setBalance(currency, amount);
  }
  const publish = (t: PublicTrade): PublicTrade => {
    listener.marketTraded(t);
    exchange.onMarketTrade(t);
    return t;
  };
  return {
    board,
    exchange,
    clock,
    step: () => board.step(clock.now()).map(publish),
    setPrice(market, price) {
      const trade = board.setPrice(market, price, clock.now());
      return trade && publish(trade);
    },
    idState: () => idStream.state(),
  };
}
