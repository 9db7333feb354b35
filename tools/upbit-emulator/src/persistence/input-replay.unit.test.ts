import { deepEqual, ok } from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { dec } from '@hoga/model';
import { resolveOptions, type EmulatorConfig } from '../config/resolve-options.js';
import { moveTicks } from '../market/tick-steps.js';
import type { Clock } from '../util/clock.js';
import type { World, WorldListener } from '../world.js';
import { DurableState } from './durable-state.js';
import { encodeOrder } from './snapshot-codec.js';

/**
 * A clock that moves on its own: every reading is one millisecond after the last (plus what
 * the test adds). An exchange that read it twice for one input would give a replay, which runs
 * each input at the one time journaled for it, other times than it had live.
 */
class TickingClock implements Clock {
  #now = Date.UTC(2026, 11, 7);
  now(): number {
    return this.#now++;
  }
  advance(ms: number): void {
    this.#now += ms;
  }
}

const RUNS = 40;
const KEYS = ['alice', 'bob', 'carol'] as const;
const MARKETS = ['KRW-BTC', 'KRW-ETH'] as const;
const IDENTIFIERS = ['id-1', 'id-2', 'id-3', 'id-4', 'id-5', 'id-6'];

type Command =
  | { kind: 'place'; key: number; body: Record<string, unknown>; dryRun: boolean }
  | {
      kind: 'limitNear';
      key: number;
      market: number;
      side: 'bid' | 'ask';
      ticks: number;
      volume: string;
      tif: string | undefined;
      identifier: string | undefined;
      dryRun: boolean;
    }
  | { kind: 'take'; key: number; market: number; side: 'bid' | 'ask'; krw: string; volume: string }
  | { kind: 'cancel'; key: number; pick: number; byIdentifier: boolean }
  | { kind: 'step' }
  | { kind: 'move'; market: number; ticks: number }
  | { kind: 'balances'; key: number; currency: string; amount: string }
  | { kind: 'openAccount' }
  | { kind: 'advance'; ms: number }
  | { kind: 'turn' }
  | { kind: 'crash' }
  | { kind: 'reset' };

const market = fc.nat({ max: MARKETS.length - 1 });
const key = fc.nat({ max: KEYS.length - 1 });
const identifier = fc.option(fc.constantFrom(...IDENTIFIERS), { nil: undefined, freq: 2 });
const volume = fc.integer({ min: 1, max: 5_000_000 }).map((n) => dec(n).div(1e8).toString());
const krw = fc.integer({ min: 1_000, max: 3_000_000 }).map(String);
/** Bodies of every kind the exchange takes, and some it refuses (with and without identifier). */
const body: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    market: fc.constantFrom(...MARKETS, 'KRW-NOPE'),
    side: fc.constantFrom('bid', 'ask', 'sideways'),
    ord_type: fc.constantFrom('limit', 'price', 'market', 'best'),
    price: fc.option(krw, { nil: undefined }),
    volume: fc.option(volume, { nil: undefined }),
    time_in_force: fc.option(fc.constantFrom('ioc', 'fok', 'post_only'), { nil: undefined }),
    identifier,
  })
  .map((b) => Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined)));

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('place' as const),
      key,
      body,
      // a test order (POST /v1/orders/test) changes nothing: it must not move the uuids either
      dryRun: fc.boolean(),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('limitNear' as const),
      key,
      market,
      side: fc.constantFrom('bid' as const, 'ask' as const),
      ticks: fc.integer({ min: -6, max: 6 }),
      volume,
      tif: fc.option(fc.constantFrom('ioc', 'fok', 'post_only'), { nil: undefined, freq: 3 }),
      identifier,
      dryRun: fc.constantFrom(false, false, false, true),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('take' as const),
      key,
      market,
      side: fc.constantFrom('bid' as const, 'ask' as const),
      krw,
      volume,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('cancel' as const),
      key,
      pick: fc.nat(),
      byIdentifier: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'step' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('move' as const),
      market,
      ticks: fc.integer({ min: -8, max: 8 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('balances' as const),
      key,
      currency: fc.constantFrom('KRW', 'BTC', 'ETH'),
      amount: fc.integer({ min: 0, max: 50_000_000 }).map(String),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'openAccount' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      ms: fc.integer({ min: 0, max: 90_000 }),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'turn' as const }) },
  { weight: 6, arbitrary: fc.constant({ kind: 'crash' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reset' as const }) },
);

function configOf(clock: Clock): EmulatorConfig {
  return resolveOptions({
    seed: 'replay-property',
    clock,
    historyMinutes: 0,
    tickIntervalMs: 0,
    feeRate: '0.0005',
    makerFeeRate: '0.0002',
    markets: [
      // small book levels: takers walk several levels and partial fills are common
      {
        market: 'KRW-BTC',
        startPrice: '100000000',
        volatility: 0.002,
        book: { levelKrw: '300000', levels: 8 },
      },
      {
        market: 'KRW-ETH',
        startPrice: '5000000',
        volatility: 0.003,
        jumpProbability: 0.05,
        book: { levelKrw: '200000', levels: 6 },
      },
    ],
    accounts: [
      { accessKey: 'alice', secretKey: 's', balances: { KRW: '20000000', BTC: '0.2', ETH: '3' } },
      { accessKey: 'bob', secretKey: 's', balances: { KRW: '5000000', ETH: '1' } },
    ],
  });
}

const NO_FRAMES: WorldListener = {
  marketTraded: () => undefined,
  orderChanged: () => undefined,
  assetsChanged: () => undefined,
};

/** Everything durable: each account's holdings, identifiers and spec, every order, prices. */
function stateOf(world: World) {
  return {
    accounts: world.exchange
      .allAccounts()
      .map((a) => ({
        accessKey: a.accessKey,
        scopes: [...a.scopes],
        holdings: a.ledger
          .list()
          .map((h) => [
            h.currency,
            h.balance.toString(),
            h.locked.toString(),
            h.avgBuyPrice.toString(),
          ])
          .sort(),
        identifiers: [...a.identifiers].sort(),
      }))
      .sort((x, y) => x.accessKey.localeCompare(y.accessKey)),
    orders: world.exchange.allOrders().map(encodeOrder),
    resting: MARKETS.map((m) =>
      world.exchange
        .allOrders()
        .filter((o) => o.market === m && (o.state === 'wait' || o.state === 'watch'))
        .map((o) => o.uuid),
    ),
    prices: world.board.list().map((m) => [m.code, m.price.toString()]),
  };
}

function run(world: World, clock: TickingClock, c: Command, opened: string[]): void {
  const accessKey =
    opened[
      c.kind === 'place' ||
      c.kind === 'limitNear' ||
      c.kind === 'take' ||
      c.kind === 'cancel' ||
      c.kind === 'balances'
        ? c.key % opened.length
        : 0
    ]!;
  switch (c.kind) {
    case 'place':
      world.exchange.placeOrder(accessKey, c.body, c.dryRun);
      return;
    case 'limitNear': {
      const m = world.board.get(MARKETS[c.market]!)!;
      world.exchange.placeOrder(
        accessKey,
        {
          market: m.code,
          side: c.side,
          ord_type: 'limit',
          price: moveTicks(m.price, c.ticks).toString(),
          volume: c.volume,
          ...(c.tif !== undefined ? { time_in_force: c.tif } : {}),
          ...(c.identifier !== undefined ? { identifier: c.identifier } : {}),
        },
        c.dryRun,
      );
      return;
    }
    case 'take': {
      // a market buy or sell: takes from the book until the next trade rebuilds it
      const m = MARKETS[c.market]!;
      world.exchange.placeOrder(
        accessKey,
        c.side === 'bid'
          ? { market: m, side: 'bid', ord_type: 'price', price: c.krw }
          : { market: m, side: 'ask', ord_type: 'market', volume: c.volume },
      );
      return;
    }
    case 'cancel': {
      const orders = world.exchange.allOrders(accessKey);
      const o = orders[c.pick % Math.max(1, orders.length)];
      const ref =
        o === undefined
          ? { uuid: 'no-such-order' }
          : c.byIdentifier && o.identifier !== undefined
            ? { identifier: o.identifier }
            : { uuid: o.uuid };
      world.exchange.cancelOrder(accessKey, ref);
      return;
    }
    case 'step':
      world.step();
      return;
    case 'move': {
      const m = world.board.get(MARKETS[c.market]!)!;
      const price = moveTicks(m.price, c.ticks);
      if (price.gt(0)) world.setPrice(m.code, price);
      return;
    }
    case 'balances':
      world.exchange.setBalances(accessKey, { [c.currency]: dec(c.amount) });
      return;
    case 'openAccount': {
      const next = KEYS.find((k) => !opened.includes(k));
      if (!next) return;
      world.exchange.addAccount({
        accessKey: next,
        secretKey: 's',
        scopes: ['accounts', 'orders:write'],
      });
      world.exchange.setBalances(next, { KRW: dec('3000000') });
      opened.push(next);
      return;
    }
    case 'advance':
      clock.advance(c.ms);
      return;
    default:
      return;
  }
}

describe('persistence: recovery replays the journaled inputs into the live state (property)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'replay-prop-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('after any inputs, turns, snapshots and crashes the restart has exactly the live state', async function () {
    // each run writes snapshots (fsync'd) and restarts several times
    this.timeout(300_000);
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { minLength: 5, maxLength: 80 }),
        // a snapshot every few inputs (between takers and the next trade) or rarely
        fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 60 })),
        async (commands, compactInputs) => {
          const path = join(dir, `state-${checked++}.json`);
          const clock = new TickingClock();
          const config = configOf(clock);
          const durable = DurableState.open({ path, fsync: 'off', compactInputs }, () => undefined);
          let world = durable.createWorld(config, NO_FRAMES);
          const opened = ['alice', 'bob'];
          const restart = async () => {
            // what the files hold now is what a kill -9 now would leave
            const copy = mkdtempSync(join(tmpdir(), 'replay-crash-'));
            try {
              cpSync(dir, copy, { recursive: true });
              const again = DurableState.open(
                { path: join(copy, path.slice(dir.length + 1)), fsync: 'off' },
                () => undefined,
              );
              const recovered = again.createWorld(configOf(new TickingClock()), NO_FRAMES);
              deepEqual(stateOf(recovered), stateOf(world));
              await again.close();
            } finally {
              rmSync(copy, { recursive: true, force: true });
            }
          };
          try {
            for (const c of commands) {
              if (c.kind === 'turn') durable.commit();
              else if (c.kind === 'crash') {
                durable.commit();
                await restart();
              } else if (c.kind === 'reset') {
                world = durable.resetWorld(config, NO_FRAMES);
                opened.splice(2);
              } else run(world, clock, c, opened);
            }
            durable.commit();
            await restart();
          } finally {
            await durable.close();
          }
        },
      ),
      { numRuns: RUNS },
    );
    ok(checked >= RUNS);
  });
});
