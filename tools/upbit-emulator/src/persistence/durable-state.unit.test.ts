import { deepEqual, equal, notEqual, ok, throws } from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { dec } from '@hoga/model';
import { resolveOptions } from '../config/resolve-options.js';
import type { OrderChange } from '../exchange/exchange.js';
import type { OrderSnapshot } from '../exchange/order.js';
import { ManualClock } from '../util/clock.js';
import { orderView } from '../views/order.view.js';
import type { World } from '../world.js';
import { DurableState, type PersistenceOptions } from './durable-state.js';
import { frameRecord, StateStoreError } from './journal-file.js';

const KEY = 'paper-key';
const BTC = { market: 'KRW-BTC' };

/** A durable exchange in `dir`; `open()` again after dropping it is a restart after a crash. */
function open(dir: string, extra: Partial<PersistenceOptions> = {}) {
  const clock = new ManualClock();
  const config = resolveOptions({
    seed: 'durable',
    clock,
    historyMinutes: 0,
    tickIntervalMs: 0,
    markets: [{ market: 'KRW-BTC', startPrice: '100000000', book: { levelKrw: '10000000' } }],
    accounts: [{ accessKey: KEY, secretKey: 'secret', balances: { KRW: '10000000' } }],
  });
  const frames: Array<{ order: OrderSnapshot; change: OrderChange }> = [];
  const durable = DurableState.open({ path: join(dir, 'state.json'), ...extra }, () => undefined);
  const world = durable.createWorld(config, {
    marketTraded: () => undefined,
    assetsChanged: () => undefined,
    orderChanged: (order, change) => frames.push({ order, change }),
  });
  const place = (body: Record<string, unknown>) => {
    const r = world.exchange.placeOrder(KEY, body);
    if (E.isLeft(r)) throw new Error(`rejected: ${r.left.name}`);
    return r.right;
  };
  return { durable, world, clock, frames, place };
}

/** Everything an account and its order lookups show. */
function accountState(world: World) {
  const account = world.exchange.account(KEY)!;
  return {
    holdings: account.ledger
      .list()
      .map((h) => [h.currency, h.balance.toString(), h.locked.toString()]),
    orders: world.exchange.allOrders(KEY).map((o) => orderView(o, true)),
    identifiers: [...account.identifiers],
    price: world.board.get('KRW-BTC')!.price.toString(),
  };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('persistence: durable exchange state', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'durable-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('after a crash (no close) the restart has every balance, order, trade, identifier and price', async () => {
    const a = open(dir);
    a.place({ ...BTC, side: 'bid', ord_type: 'price', price: '1000000', identifier: 'entry-1' });
    await settle();
    const resting = a.place({
      ...BTC,
      side: 'bid',
      ord_type: 'limit',
      price: '99000000',
      volume: '0.01',
      identifier: 'entry-2',
    });
    await settle();
    // rejected for funds, but its identifier stays used
    ok(
      E.isLeft(
        a.world.exchange.placeOrder(KEY, {
          ...BTC,
          side: 'bid',
          ord_type: 'price',
          price: '900000000',
          identifier: 'too-big',
        }),
      ),
    );
    await settle();
    a.world.setPrice('KRW-BTC', dec('100500000'));
    await settle();
    const before = accountState(a.world);
    equal(a.durable.status().restored, false);

    const b = open(dir);
    deepEqual(accountState(b.world), before);
    const status = b.durable.status();
    equal(status.restored, true);
    equal(status.replayed, 4, `${status.replayed} records replayed`);
    equal(status.torn, undefined);
    const again = b.world.exchange.placeOrder(KEY, {
      ...BTC,
      side: 'bid',
      ord_type: 'price',
      price: '10000',
      identifier: 'too-big',
    });
    ok(E.isLeft(again) && again.left.name === 'duplicated_identifier');
    // the resting bid still rests: a trade through its price fills it after the restart
    b.world.setPrice('KRW-BTC', dec('98900000'));
    const filled = b.world.exchange.findOrder(KEY, { identifier: 'entry-2' })!;
    equal(filled.uuid, resting.uuid);
    equal(filled.state, 'done');
    notEqual(b.place({ ...BTC, side: 'ask', ord_type: 'market', volume: '0.005' }).uuid, '');
    await b.durable.close();
    deepEqual(accountState(open(dir).world), accountState(b.world));
  });

  it('the coins bought before the crash can be sold after it', async () => {
    const a = open(dir);
    a.place({ ...BTC, side: 'bid', ord_type: 'price', price: '1000000' });
    await settle();
    const coins = a.world.exchange.account(KEY)!.ledger.get('BTC').balance;
    ok(coins.gt(0));
    const b = open(dir);
    const sell = b.place({ ...BTC, side: 'ask', ord_type: 'market', volume: coins.toString() });
    equal(b.world.exchange.findOrder(KEY, { uuid: sell.uuid })!.state, 'done');
    equal(b.world.exchange.account(KEY)!.ledger.get('BTC').balance.toString(), '0');
  });

  it('private frames leave only after their change is journaled', async () => {
    const a = open(dir);
    a.place({ ...BTC, side: 'bid', ord_type: 'price', price: '1000000' });
    equal(a.frames.length, 0, 'held until the commit');
    const journal = readFileSync(join(dir, 'state.json.journal'), 'utf8');
    equal(journal, '');
    await settle();
    ok(a.frames.length >= 3);
    ok(readFileSync(join(dir, 'state.json.journal'), 'utf8').includes(a.frames[0]!.order.uuid));
  });

  it('group commit: the changes of one event-loop turn are one record and one write', async () => {
    const a = open(dir);
    const seq = a.durable.status().seq;
    for (let i = 0; i < 5; i++)
      a.place({ ...BTC, side: 'bid', ord_type: 'price', price: '100000' });
    a.world.setPrice('KRW-BTC', dec('100100000'));
    await settle();
    equal(a.durable.status().seq, seq + 1);
    equal(readFileSync(join(dir, 'state.json.journal'), 'utf8').split('\n').length, 2);
    deepEqual(accountState(open(dir).world), accountState(a.world));
  });

  it('a crash between buffering and the flush loses nothing a client was told about', async () => {
    const a = open(dir);
    const disk = () => {
      // what the files hold at this instant is what a restart after a kill -9 now would read
      const copy = mkdtempSync(join(tmpdir(), 'durable-crash-'));
      cpSync(dir, copy, { recursive: true });
      return copy;
    };
    const order = a.place({ ...BTC, side: 'bid', ord_type: 'price', price: '1000000' });
    const told: string[] = [];
    const journaled = a.durable.journaled();
    ok(journaled, 'a change waits for its write');
    void journaled.then(() => told.push(order.uuid));
    // buffered, not flushed: no frame left, the answer waits, and a crash loses the order whole
    const crashed = disk();
    equal(a.frames.length, 0);
    equal(told.length, 0);
    const before = open(crashed);
    equal(before.world.exchange.findOrder(KEY, { uuid: order.uuid }), undefined);
    equal(before.world.exchange.account(KEY)!.ledger.get('BTC').balance.toString(), '0');
    rmSync(crashed, { recursive: true, force: true });
    await journaled;
    // the answer may leave now: the order, its fills and balances are on disk
    deepEqual(told, [order.uuid]);
    ok(a.frames.length >= 3);
    const flushed = disk();
    deepEqual(accountState(open(flushed).world), accountState(a.world));
    rmSync(flushed, { recursive: true, force: true });
    equal(a.durable.journaled(), undefined, 'nothing waits once written');
  });

  it('a torn last record is reported and ignored; the state before it is whole', async () => {
    const a = open(dir);
    a.place({ ...BTC, side: 'bid', ord_type: 'price', price: '1000000' });
    await settle();
    const before = accountState(a.world);
    appendFileSync(join(dir, 'state.json.journal'), frameRecord('{"seq":99,"x":1}').slice(0, 9));
    const b = open(dir);
    deepEqual(accountState(b.world), before);
    equal(b.durable.status().torn?.reason, 'no end of line');
    // the restart wrote a snapshot and an empty journal: the torn bytes are gone
    equal(readFileSync(join(dir, 'state.json.journal'), 'utf8'), '');
  });

  it('compaction keeps the state exact across many snapshots', async () => {
    const a = open(dir, { compactBytes: 2_000 });
    for (let i = 0; i < 30; i++) {
      a.place({ ...BTC, side: 'bid', ord_type: 'price', price: '100000' });
      a.place({ ...BTC, side: 'bid', ord_type: 'limit', price: '99000000', volume: '0.0001' });
      await settle();
    }
    ok(a.durable.status().snapshots > 3, `${a.durable.status().snapshots} snapshots`);
    deepEqual(accountState(open(dir).world), accountState(a.world));
  });

  it('records already in the snapshot are skipped (a crash between snapshot and truncation)', async () => {
    const a = open(dir);
    a.place({ ...BTC, side: 'bid', ord_type: 'price', price: '1000000' });
    await settle();
    const journal = readFileSync(join(dir, 'state.json.journal'));
    await a.durable.close(); // snapshot now has every record
    writeFileSync(join(dir, 'state.json.journal'), journal);
    deepEqual(accountState(open(dir).world), accountState(a.world));
  });

  it('refuses a damaged snapshot and a gap in the journal instead of guessing', async () => {
    const a = open(dir);
    a.place({ ...BTC, side: 'bid', ord_type: 'price', price: '1000000' });
    await settle();
    const journal = join(dir, 'state.json.journal');
    const lines = readFileSync(journal, 'utf8').split('\n');
    const gap = JSON.parse(lines[0]!.slice(9)) as { s: number };
    gap.s += 5;
    writeFileSync(journal, frameRecord(JSON.stringify(gap)));
    throws(() => open(dir), /skips from record/);
    writeFileSync(journal, '');
    writeFileSync(join(dir, 'state.json'), '{"format":"hoga-upbit-emulator-state","version":1}');
    throws(() => open(dir), StateStoreError);
  });

  it('uses a new uuid stream per run: no uuid repeats after a restart', async () => {
    const a = open(dir);
    const first = a.place({ ...BTC, side: 'bid', ord_type: 'price', price: '100000' });
    await settle();
    const b = open(dir);
    const second = b.place({ ...BTC, side: 'bid', ord_type: 'price', price: '100000' });
    notEqual(second.uuid, first.uuid);
    equal(b.world.exchange.allOrders(KEY).length, 2);
  });
});
