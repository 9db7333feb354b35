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
import { frameRecord, readJournal, StateStoreError } from './journal-file.js';
import { encodeOrder, storedAccountOf } from './snapshot-codec.js';
import { encodeHolding } from './state-record-codec.js';

const KEY = 'paper-key';
const BTC = { market: 'KRW-BTC' };

/** A durable exchange in `dir`; `open()` again after dropping it is a restart after a crash. */
function open(dir: string, extra: Partial<PersistenceOptions> = {}, levelKrw = '10000000') {
  const clock = new ManualClock();
  const config = resolveOptions({
    seed: 'durable',
    clock,
    historyMinutes: 0,
    tickIntervalMs: 0,
    markets: [{ market: 'KRW-BTC', startPrice: '100000000', book: { levelKrw } }],
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

  it('fsync always: answers wait for the flush, the event loop does not, and a reader waits too', async () => {
    const a = open(dir, { fsync: 'always' });
    const order = a.place({ ...BTC, side: 'bid', ord_type: 'price', price: '1000000' });
    const told: string[] = [];
    void a.durable.journaled()!.then(() => told.push('answer'));
    // the turn ends: the record is written to the kernel, its flush runs on the thread pool
    await settle();
    ok(readFileSync(join(dir, 'state.json.journal'), 'utf8').includes(order.uuid), 'written');
    equal(a.frames.length, 0, 'no private frame before the flush');
    deepEqual(told, [], 'no answer before the flush');
    // meanwhile the loop goes on: a second order is matched and goes into the next record
    const second = a.place({ ...BTC, side: 'bid', ord_type: 'price', price: '1000000' });
    ok(a.world.exchange.findOrder(KEY, { uuid: second.uuid }), 'matched during the flush');
    // a reader of the account in a later turn waits for the flush as well
    const seqBefore = a.durable.status().seq;
    await settle();
    equal(a.durable.status().seq, seqBefore + 1, 'the second order has its own record');
    const reader = a.durable.journaled();
    ok(reader, 'a reader waits while a flush is due');
    await reader;
    deepEqual(told, ['answer']);
    ok(a.frames.some((f) => f.order.uuid === order.uuid));
    ok(
      a.frames.some((f) => f.order.uuid === second.uuid),
      'the next flush covers the next record',
    );
    equal(a.durable.journaled(), undefined, 'nothing waits once flushed');
    const { flushes, flushMs } = a.durable.status();
    ok(flushes >= 2, `a flush per record an answer waited for (${flushes})`);
    ok(flushMs > 0);
    await a.durable.close();
    ok(a.durable.status().flushes >= flushes, 'the figures outlive the journal');
    deepEqual(accountState(open(dir).world), accountState(a.world));
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

  describe('input records (format 3)', () => {
    /** Copies the files as they are now: what a restart after a kill -9 at this instant reads. */
    const disk = (from: string) => {
      const copy = mkdtempSync(join(tmpdir(), 'durable-input-'));
      cpSync(from, copy, { recursive: true });
      return copy;
    };
    const journalLines = (at: string) =>
      readFileSync(join(at, 'state.json.journal'), 'utf8')
        .split('\n')
        .filter((l) => l !== '');
    const records = (at: string) =>
      readJournal(join(at, 'state.json.journal')).records as Array<{
        s: number;
        n: unknown[][];
        r: number[];
      }>;

    it('journals the inputs, not their results: an order is its request body and uuid, a step its price', async () => {
      const a = open(dir, {}, '1000000');
      const bid = a.place({
        ...BTC,
        side: 'bid',
        ord_type: 'limit',
        price: '99000000',
        volume: '0.05',
        identifier: 'rest-1',
      });
      await settle();
      a.world.setPrice('KRW-BTC', dec('98900000'));
      await settle();
      const [placed, traded] = records(dir);
      deepEqual(placed!.n, [
        [
          'o',
          a.clock.now(),
          KEY,
          {
            ...BTC,
            side: 'bid',
            ord_type: 'limit',
            price: '99000000',
            volume: '0.05',
            identifier: 'rest-1',
          },
          bid.uuid,
        ],
      ]);
      // the trade fills the resting bid on replay: no fill, fee or balance is written
      deepEqual(traded!.n, [['t', a.clock.now(), 'KRW-BTC', '98900000']]);
      ok(a.world.exchange.findOrder(KEY, { uuid: bid.uuid })!.trades.length > 0);
      deepEqual(accountState(open(dir).world), accountState(a.world));
    });

    it('a resting order filled over several trades: a restart after each is exact', async () => {
      // 1,000,000 KRW per book level: a 0.05 BTC bid fills over several trades
      const a = open(dir, {}, '1000000');
      const bid = a.place({
        ...BTC,
        side: 'bid',
        ord_type: 'limit',
        price: '99000000',
        volume: '0.05',
      });
      await settle();
      const states: Array<{ at: string; state: ReturnType<typeof accountState> }> = [];
      for (const price of ['98900000', '98800000', '98700000', '98600000']) {
        a.world.setPrice('KRW-BTC', dec(price));
        await settle();
        states.push({ at: disk(dir), state: accountState(a.world) });
      }
      ok(a.world.exchange.findOrder(KEY, { uuid: bid.uuid })!.trades.length >= 3);
      for (const { at, state } of states) {
        deepEqual(accountState(open(at).world), state);
        rmSync(at, { recursive: true, force: true });
      }
      deepEqual(accountState(open(dir).world), accountState(a.world));
    });

    it('a crash in the middle of a record: the record is torn and ignored, the state before it is whole', async () => {
      const a = open(dir, {}, '1000000');
      a.place({ ...BTC, side: 'bid', ord_type: 'limit', price: '99000000', volume: '0.05' });
      await settle();
      a.world.setPrice('KRW-BTC', dec('98900000'));
      await settle();
      const before = accountState(a.world);
      const journal = join(dir, 'state.json.journal');
      const kept = readFileSync(journal);
      a.world.setPrice('KRW-BTC', dec('98800000'));
      a.place({ ...BTC, side: 'bid', ord_type: 'price', price: '100000' });
      await settle();
      const full = readFileSync(journal);
      const last = full.subarray(kept.length);
      for (const cut of [1, 9, Math.floor(last.length / 2), last.length - 1]) {
        writeFileSync(journal, Buffer.concat([kept, last.subarray(0, cut)]));
        const copy = disk(dir);
        const b = open(copy);
        deepEqual(accountState(b.world), before, `cut after ${cut} bytes`);
        ok(b.durable.status().torn, 'reported torn');
        rmSync(copy, { recursive: true, force: true });
      }
      writeFileSync(journal, full);
      deepEqual(accountState(open(dir).world), accountState(a.world));
    });

    it('refuses a journal whose inputs do not replay as they ran, instead of guessing', async () => {
      const a = open(dir);
      a.place({ ...BTC, side: 'bid', ord_type: 'price', price: '1000000', identifier: 'x-1' });
      await settle();
      a.place({ ...BTC, side: 'bid', ord_type: 'price', price: '1000000' });
      await settle();
      const journal = join(dir, 'state.json.journal');
      const [first, second] = journalLines(dir);
      const record = JSON.parse(second!.slice(9)) as { n: unknown[][]; r: number[] };
      const write = (changed: unknown) =>
        writeFileSync(journal, first! + '\n' + frameRecord(JSON.stringify(changed)));
      const input = record.n[0]!;
      // another uuid than the exchange gives the order on replay
      write({ ...record, n: [[...input.slice(0, 4), 'another-uuid']] });
      throws(() => open(dir), /record 2 input 1 does not replay: order another-uuid replayed as/);
      // an order that was accepted live but is refused on replay (too big for the balance)
      write({
        ...record,
        n: [
          [
            ...input.slice(0, 3),
            { ...BTC, side: 'bid', ord_type: 'price', price: '900000000' },
            input[4],
          ],
        ],
      });
      throws(() => open(dir), /replayed as refused \(insufficient_funds_bid\)/);
      // a request with an identifier already used changed nothing live: never journaled
      write({
        ...record,
        n: [
          [
            ...input.slice(0, 3),
            { ...BTC, side: 'bid', ord_type: 'price', price: '1000000', identifier: 'x-1' },
            null,
          ],
        ],
      });
      throws(() => open(dir), /identifier x-1 used again/);
      write({ ...record, n: [['c', 1, KEY, 'no-such-order']] });
      throws(() => open(dir), /cancel of no-such-order/);
      write({ ...record, n: [['o', 1, 'nobody', {}, null]] });
      throws(() => open(dir), /unknown account/);
      // the same inputs, but the uuid stream ended elsewhere live
      write({ ...record, r: [1, 2, 3, 4] });
      throws(() => open(dir), /replays with other uuids than it ran with/);
      write(record);
      deepEqual(accountState(open(dir).world), accountState(a.world));
    });

    it('a snapshot between a taker and the next trade keeps what the taker left of the book', async () => {
      // 200,000 KRW per level: a market buy of 1,000,000 takes five levels; the orders after
      // the snapshot must take from the same, consumed book on replay
      const a = open(dir, { compactInputs: 2 }, '200000');
      a.place({ ...BTC, side: 'bid', ord_type: 'price', price: '1000000' });
      await settle();
      a.place({ ...BTC, side: 'bid', ord_type: 'price', price: '300000' });
      await settle(); // two inputs: snapshot, the book half used
      const snapshot = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as {
        version: number;
        replay: { markets: Array<{ left: { asks: string[] } | null }> };
      };
      equal(snapshot.version, 2);
      ok(snapshot.replay.markets[0]!.left, 'the consumed book is in the snapshot');
      equal(snapshot.replay.markets[0]!.left.asks[0], '0');
      a.place({ ...BTC, side: 'bid', ord_type: 'price', price: '600000' });
      await settle();
      equal(records(dir).length, 1);
      deepEqual(accountState(open(dir).world), accountState(a.world));
    });

    it('replays with the rules of the run that journaled, not those of the restart', async () => {
      const a = open(dir);
      a.place({ ...BTC, side: 'bid', ord_type: 'price', price: '1000000' });
      await settle();
      const clock = new ManualClock();
      const config = resolveOptions({
        seed: 'durable',
        clock,
        historyMinutes: 0,
        tickIntervalMs: 0,
        feeRate: '0.0025',
        minTotal: '2000000',
        markets: [{ market: 'KRW-BTC', startPrice: '100000000' }],
        accounts: [{ accessKey: KEY, secretKey: 'secret', balances: { KRW: '10000000' } }],
      });
      const b = DurableState.open({ path: join(dir, 'state.json') }, () => undefined);
      const world = b.createWorld(config, {
        marketTraded: () => undefined,
        assetsChanged: () => undefined,
        orderChanged: () => undefined,
      });
      deepEqual(accountState(world), accountState(a.world));
      // the new rules hold from the restart on
      equal(world.exchange.rules.minTotal.toString(), '2000000');
    });

    it('a journal of format 1 or 2 (state records, written by an earlier version) still loads', async () => {
      const a = open(dir, {}, '1000000');
      a.place({ ...BTC, side: 'bid', ord_type: 'limit', price: '99000000', volume: '0.05' });
      a.place({ ...BTC, side: 'bid', ord_type: 'price', price: '1000000', identifier: 'old-1' });
      a.world.setPrice('KRW-BTC', dec('98900000'));
      await settle();
      const account = a.world.exchange.account(KEY)!;
      // the snapshot an earlier version wrote at its start: the configured account, no order
      const v1Snapshot = {
        format: 'hoga-upbit-emulator-state',
        version: 1,
        seq: 0,
        generation: 0,
        savedAt: new Date(a.clock.now()).toISOString(),
        accounts: [
          {
            ...storedAccountOf(account),
            holdings: [{ currency: 'KRW', balance: '10000000', locked: '0', avgBuyPrice: '0' }],
            identifiers: [],
          },
        ],
        orders: [],
        prices: { 'KRW-BTC': '100000000' },
      };
      const orders = a.world.exchange.allOrders(KEY);
      const holdings = account.ledger.list().map((h) => encodeHolding(KEY, h));
      const prices = { 'KRW-BTC': a.world.board.get('KRW-BTC')!.price.toString() };
      // format 1: every changed order whole
      const v1 = {
        s: 1,
        a: [],
        h: holdings,
        i: [[KEY, 'old-1']],
        o: orders.map(encodeOrder),
        p: prices,
      };
      // format 2: the resting bid whole without its last fill, then a delta adding it
      const resting = orders.find((o) => o.ordType === 'limit')!;
      ok(resting.trades.length > 0);
      const base = { ...resting, trades: resting.trades.slice(0, -1) };
      const fills = encodeOrder(resting).at(-1) as unknown[];
      const v2 = {
        v: 2,
        s: 1,
        k: [],
        h: holdings,
        i: [[KEY, 'old-1']],
        o: orders.map((o) => encodeOrder(o === resting ? base : o)),
        d: [[resting.uuid, base.trades.length, [], fills.slice(-1)]],
        p: prices,
      };
      for (const record of [v1, v2]) {
        const old = mkdtempSync(join(tmpdir(), 'durable-old-'));
        writeFileSync(join(old, 'state.json'), JSON.stringify(v1Snapshot));
        writeFileSync(join(old, 'state.json.journal'), frameRecord(JSON.stringify(record)));
        const b = open(old);
        equal(b.durable.status().replayed, 1);
        deepEqual(accountState(b.world), accountState(a.world));
        // the restart wrote a snapshot of the current version: the next start replays inputs
        b.place({ ...BTC, side: 'bid', ord_type: 'price', price: '100000' });
        await settle();
        deepEqual(accountState(open(old).world), accountState(b.world));
        rmSync(old, { recursive: true, force: true });
      }
    });
  });
});
