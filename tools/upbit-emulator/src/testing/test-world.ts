import * as E from 'fp-ts/lib/Either.js';
import { resolveOptions } from '../config/resolve-options.js';
import type { EmulatorOptions } from '../config/options.js';
import type { OrderChange } from '../exchange/exchange.js';
import type { OrderSnapshot } from '../exchange/order.js';
import { ManualClock } from '../util/clock.js';
import { createWorld, type World } from '../world.js';

/** An in-memory world (no HTTP) with a manual clock, recording private events. */
export interface TestWorld {
  readonly world: World;
  readonly clock: ManualClock;
  readonly events: Array<{ order: OrderSnapshot; change: OrderChange }>;
  /** Places an order for the test account; throws on rejection. */
  place(body: Record<string, unknown>): OrderSnapshot;
  /** Places an order expecting a rejection; returns its error name. */
  reject(body: Record<string, unknown>): string;
  /** Balance and locked of a currency as strings. */
  holding(currency: string): [string, string];
}

/** The access key of the test account. */
export const ACCESS = 'test-access';

/** KRW-BTC at 100,000,000 (tick 1,000), 10,000,000 KRW and 1 BTC, no history. */
export function testWorld(overrides: EmulatorOptions = {}): TestWorld {
  const clock = new ManualClock();
  const config = resolveOptions({
    seed: 'unit',
    clock,
    historyMinutes: 0,
    markets: [{ market: 'KRW-BTC', startPrice: '100000000', book: { levelKrw: '10000000' } }],
    accounts: [{ accessKey: ACCESS, secretKey: 'secret', balances: { KRW: '10000000', BTC: '1' } }],
    ...overrides,
  });
  const events: TestWorld['events'] = [];
  const world = createWorld(config, {
    marketTraded: () => undefined,
    assetsChanged: () => undefined,
    orderChanged: (order, change) => events.push({ order, change }),
  });
  const ledger = () => world.exchange.account(ACCESS)!.ledger;
  return {
    world,
    clock,
    events,
    place(body) {
      const r = world.exchange.placeOrder(ACCESS, body);
      if (E.isLeft(r)) throw new Error(`rejected: ${r.left.name} ${r.left.message}`);
      return r.right;
    },
    reject(body) {
      const r = world.exchange.placeOrder(ACCESS, body);
      if (E.isRight(r)) throw new Error('the order was accepted');
      return r.left.name;
    },
    holding: (c) => [ledger().get(c).balance.toString(), ledger().get(c).locked.toString()],
  };
}
