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
import { encodeHolding, encodeOrder } from './state-codec.js';

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

  describe('delta records (format 2)', () => {
    /** Copies the files as they are now: what a restart after a kill -9 at this instant reads. */
    const disk = (from: string) => {
      const copy = mkdtempSync(join(tmpdir(), 'durable-delta-'));
      cpSync(from, copy, { recursive: true });
      return copy;
    };
    const journalRecords = (at: string) =>
      readJournal(join(at, 'state.json.journal')).records as Array<{
        o: unknown[];
        d: Array<[string, number, unknown[], unknown[]]>;
        h: unknown[];
      }>;

    it('writes a resting order once whole and each later fill as a delta; the restart is exact', async () => {
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
      const order = a.world.exchange.findOrder(KEY, { uuid: bid.uuid })!;
      ok(order.trades.length >= 3, `${order.trades.length} fills`);
      const records = journalRecords(dir);
      equal(records.filter((r) => r.o.some((o) => (o as unknown[])[0] === bid.uuid)).length, 1);
      const deltas = records.flatMap((r) => r.d).filter((d) => d[0] === bid.uuid);
      equal(deltas.length, order.trades.length, 'one delta per fill');
      deepEqual(
        deltas.map((d) => [d[1], d[3].length]),
        deltas.map((_, i) => [i, 1]),
        'each delta names the fills before it and adds one',
      );
      // a delta is far smaller than the order it changes
      ok(JSON.stringify(deltas[0]).length < JSON.stringify(encodeOrder(order)).length * 0.8);
      for (const { at, state } of states) {
        deepEqual(accountState(open(at).world), state);
        rmSync(at, { recursive: true, force: true });
      }
      deepEqual(accountState(open(dir).world), accountState(a.world));
    });

    it('a crash in the middle of a delta record: the record is torn and ignored, the state before it is whole', async () => {
      const a = open(dir, {}, '1000000');
      a.place({ ...BTC, side: 'bid', ord_type: 'limit', price: '99000000', volume: '0.05' });
      await settle();
      a.world.setPrice('KRW-BTC', dec('98900000'));
      await settle();
      const before = accountState(a.world);
      const journal = join(dir, 'state.json.journal');
      const kept = readFileSync(journal);
      a.world.setPrice('KRW-BTC', dec('98800000'));
      await settle();
      const full = readFileSync(journal);
      const last = full.subarray(kept.length);
      ok(last.toString('utf8').includes('"d":[["'), 'the last record is a delta');
      for (const cut of [1, 9, Math.floor(last.length / 2), last.length - 1]) {
        writeFileSync(journal, Buffer.concat([kept, last.subarray(0, cut)]));
        const copy = disk(dir);
        const b = open(copy);
        deepEqual(accountState(b.world), before, `cut after ${cut} bytes`);
        ok(b.durable.status().torn, 'reported torn');
        rmSync(copy, { recursive: true, force: true });
      }
      // the whole record restores the fill
      writeFileSync(journal, full);
      deepEqual(accountState(open(dir).world), accountState(a.world));
    });

    it('refuses a delta whose base is not the order it starts from (missing order or other fill count)', async () => {
      const a = open(dir, {}, '1000000');
      const bid = a.place({
        ...BTC,
        side: 'bid',
        ord_type: 'limit',
        price: '99000000',
        volume: '0.05',
      });
      await settle();
      a.world.setPrice('KRW-BTC', dec('98900000'));
      await settle();
      const journal = join(dir, 'state.json.journal');
      const lines = readFileSync(journal, 'utf8')
        .split('\n')
        .filter((l) => l !== '');
      const delta = JSON.parse(lines[1]!.slice(9)) as { d: Array<[string, number]> };
      equal(delta.d[0]![0], bid.uuid);
      const write = (second: unknown) =>
        writeFileSync(journal, lines[0]! + '\n' + frameRecord(JSON.stringify(second)));
      write({ ...delta, d: [[...delta.d[0]!.slice(0, 1), 1, ...delta.d[0]!.slice(2)]] });
      throws(() => open(dir), /after fill 1, but it has 0/);
      write({ ...delta, d: [['no-such-order', ...delta.d[0]!.slice(1)]] });
      throws(() => open(dir), /unknown order no-such-order/);
      // an index that names no changeable field (0..11) is corrupt, not a guess
      write({ ...delta, d: [[bid.uuid, 0, [12, '1'], []]] });
      throws(() => open(dir), StateStoreError);
    });

    it('compaction between a whole order and its deltas keeps the state exact', async () => {
      const a = open(dir, { compactBytes: 1_500 }, '1000000');
      const uuids: string[] = [];
      for (let i = 0; i < 4; i++)
        uuids.push(
          a.place({ ...BTC, side: 'bid', ord_type: 'limit', price: '99000000', volume: '0.02' })
            .uuid,
        );
      await settle();
      let price = 99_000_000;
      for (let i = 0; i < 12; i++) {
        price -= 100_000;
        a.world.setPrice('KRW-BTC', dec(String(price)));
        await settle();
        a.place({ ...BTC, side: 'bid', ord_type: 'price', price: '10000' });
        await settle();
      }
      ok(a.durable.status().snapshots > 2, `${a.durable.status().snapshots} snapshots`);
      ok(
        uuids.some((u) => a.world.exchange.findOrder(KEY, { uuid: u })!.trades.length > 1),
        'resting orders filled over several records',
      );
      deepEqual(accountState(open(dir).world), accountState(a.world));
    });

    it('a journal of format 1 (whole orders, key a) still loads', async () => {
      const a = open(dir, {}, '1000000');
      a.place({ ...BTC, side: 'bid', ord_type: 'limit', price: '99000000', volume: '0.05' });
      a.place({ ...BTC, side: 'bid', ord_type: 'price', price: '1000000', identifier: 'old-1' });
      a.world.setPrice('KRW-BTC', dec('98900000'));
      await settle();
      // the records an earlier version wrote for the same changes: one per turn, whole orders
      const account = a.world.exchange.account(KEY)!;
      const v1 = {
        s: a.durable.status().seq,
        a: [],
        h: account.ledger.list().map((h) => encodeHolding(KEY, h)),
        i: [[KEY, 'old-1']],
        o: a.world.exchange.allOrders(KEY).map(encodeOrder),
        p: { 'KRW-BTC': a.world.board.get('KRW-BTC')!.price.toString() },
      };
      writeFileSync(join(dir, 'state.json.journal'), frameRecord(JSON.stringify(v1)));
      const b = open(dir);
      equal(b.durable.status().replayed, 1);
      deepEqual(accountState(b.world), accountState(a.world));
    });

    it('a holding reported but unchanged since it was written is not written again', async () => {
      const a = open(dir);
      a.place({ ...BTC, side: 'bid', ord_type: 'price', price: '1000000' });
      await settle();
      // a resting bid locks KRW only: the BTC holding the exchange reports with it is unchanged
      a.place({ ...BTC, side: 'bid', ord_type: 'limit', price: '90000000', volume: '0.001' });
      await settle();
      const records = journalRecords(dir);
      deepEqual(
        (records.at(-1)!.h as Array<[string, string]>).map((h) => h[1]),
        ['KRW'],
      );
      deepEqual(accountState(open(dir).world), accountState(a.world));
    });
  });
});
