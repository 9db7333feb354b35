import * as E from 'fp-ts/lib/Either.js';
import { type Decimal, dec } from '@hoga/model';
import { resolveOptions } from '../config/resolve-options.js';
import { identifierOf } from '../exchange/order-request.js';
import type { Order } from '../exchange/order.js';
import type { ManualClock } from '../util/clock.js';
import { createWorld, type World } from '../world.js';
import { StateStoreError } from './journal-file.js';
import type { RecoveredAccount } from './recovered-state.js';
import type { Input, InputRecord } from './input-record-codec.js';
import { accountSpecOf, orderOf, storedAccountOf, type SnapshotV2C } from './snapshot-codec.js';
import type * as t from 'io-ts';

const NO_LISTENER = {
  marketTraded: () => undefined,
  orderChanged: () => undefined,
  assetsChanged: () => undefined,
};

/** A world holding a snapshot's state, with the rules, books and uuid stream it was taken with. */
export function worldOfSnapshot(snapshot: t.TypeOf<typeof SnapshotV2C>, clock: ManualClock): World {
  const { replay } = snapshot;
  const base = resolveOptions({ historyMinutes: 0, markets: [], accounts: [] });
  const world = createWorld(
    {
      ...base,
      clock,
      rules: {
        fees: { taker: replay.rules.taker, maker: replay.rules.maker },
        minTotal: replay.rules.minTotal,
        maxTotal: replay.rules.maxTotal,
      },
      markets: replay.markets.map((m) => {
        const price = snapshot.prices[m.market];
        if (price === undefined)
          throw new StateStoreError(`state snapshot has no price for ${m.market}`);
        return {
          startPrice: price,
          spec: { market: m.market, koreanName: m.market, englishName: m.market, book: m.book },
          // a replayed market trades only at the journal's prices: the walk never runs
          walk: { volatility: 0, jumpProbability: 0, jumpSize: 0, drift: 0, tradeKrw: dec(1) },
        };
      }),
    },
    NO_LISTENER,
    { words: replay.ids.words, spare: replay.ids.spare ?? undefined },
  );
  for (const a of snapshot.accounts) {
    const account = world.exchange.addAccount(accountSpecOf(a));
    account.ledger.restore(a.holdings);
    for (const id of a.identifiers) account.identifiers.add(id);
  }
  for (const o of snapshot.orders) world.exchange.restoreOrder(orderOf(o));
  for (const m of replay.markets) {
    if (!m.left) continue;
    try {
      world.board.get(m.market)!.restoreBookLeft(m.left);
    } catch (e) {
      throw new StateStoreError(`state snapshot: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return world;
}

/**
 * Runs one journal input through `world` as the exchange ran it live, at its recorded time;
 * an input whose outcome differs from the recorded one (another uuid, a refusal where it was
 * accepted, an unknown account or order) means the journal does not belong to this state:
 * {@link StateStoreError}, never a guess.
 */
export function replayInput(world: World, clock: ManualClock, input: Input): string | undefined {
  const { exchange } = world;
  switch (input[0]) {
    case 'o': {
      const [, at, accessKey, body, uuid] = input;
      const account = exchange.account(accessKey);
      if (!account) return `an order of unknown account ${short(accessKey)}`;
      // a live request with a used identifier changed nothing and was not journaled
      const identifier = identifierOf(body);
      if (identifier !== undefined && account.identifiers.has(identifier))
        return `identifier ${identifier} used again`;
      if (uuid === null && identifier === undefined)
        return 'a refused order without an identifier (it changed nothing)';
      clock.set(at);
      const placed = exchange.placeOrder(accessKey, body);
      const got = E.isRight(placed) ? placed.right.uuid : null;
      if (got === uuid) return undefined;
      const as = E.isLeft(placed) ? `refused (${placed.left.name})` : got;
      return `order ${uuid ?? '(refused)'} replayed as ${as}`;
    }
    case 'c': {
      const [, at, accessKey, uuid] = input;
      clock.set(at);
      const cancelled = exchange.cancelOrder(accessKey, { uuid });
      return E.isLeft(cancelled) ? `cancel of ${uuid}: ${cancelled.left.message}` : undefined;
    }
    case 't': {
      const [, at, market, price] = input;
      if (!price.gt(0)) return `a trade of ${market} at ${price.toString()}`;
      clock.set(at);
      return world.setPrice(market, price) ? undefined : `a trade of unknown market ${market}`;
    }
    case 'b': {
      const [, accessKey, balances] = input;
      if (!exchange.account(accessKey)) return `balances of unknown account ${short(accessKey)}`;
      exchange.setBalances(accessKey, balances);
      return undefined;
    }
    case 'a': {
      const [, spec] = input;
      if (exchange.account(spec.accessKey)) return `account ${short(spec.accessKey)} opened twice`;
      exchange.addAccount(accountSpecOf(spec));
      return undefined;
    }
  }
}

const short = (key: string): string => `${key.slice(0, 8)}…`;

/** Replays one record's inputs and checks the uuid stream ended where it ended live. */
export function replayRecord(
  world: World,
  clock: ManualClock,
  record: InputRecord,
  where: string,
): void {
  for (const [i, input] of record.n.entries()) {
    let problem: string | undefined;
    try {
      problem = replayInput(world, clock, input);
    } catch (e) {
      problem = e instanceof Error ? e.message : String(e);
    }
    if (problem !== undefined)
      throw new StateStoreError(
        `${where} record ${record.s} input ${i + 1} does not replay: ${problem}`,
      );
  }
  const words = world.idState().words;
  if (words.some((w, i) => w !== record.r[i]))
    throw new StateStoreError(
      `${where} record ${record.s} replays with other uuids than it ran with`,
    );
}

/** The accounts, orders and prices of a world, as recovery hands them to the live world. */
export function stateOfWorld(world: World): {
  accounts: Map<string, RecoveredAccount>;
  orders: Map<string, Order>;
  prices: Map<string, Decimal>;
} {
  return {
    accounts: new Map(
      world.exchange.allAccounts().map((a) => [
        a.accessKey,
        {
          spec: storedAccountOf(a),
          holdings: new Map(a.ledger.list().map((h) => [h.currency, h])),
          identifiers: new Set(a.identifiers),
        },
      ]),
    ),
    orders: new Map(world.exchange.allOrders().map((o) => [o.uuid, o])),
    prices: new Map(world.board.list().map((m) => [m.code, m.price])),
  };
}
