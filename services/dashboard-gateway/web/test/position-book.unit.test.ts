import './browser-env.js';
import { Decimal } from '@hoga/model/decimal';
import { ok, strictEqual } from 'node:assert/strict';
import { createEffect, createRoot } from 'solid-js';
import { createPositionBook, type PositionBook } from '../src/live/position-book.js';
import { positionRow } from '../src/positions.js';

/** A position state as the `positions` channel carries it (figures as decimal strings). */
const state = (id: string, n: number, status = 'active') => ({
  positionId: id,
  market: `KRW-C${String(n % 3)}`,
  strategyId: 's',
  status,
  paused: false,
  volume: status === 'closed' ? '0' : `0.${String(12345678 + n)}`,
  avgEntryPrice: `${String(140_360_123 + n * 7)}`,
  lastPrice: `${String(140_360_000 + n * 13)}.5`,
  unrealizedPnlKrw: `${String(n * 17 - 500)}.123456`,
  realizedPnlKrw: status === 'closed' ? `${String(n * 3)}.75` : '0',
  version: n,
});

/** The sums done the slow way: over every row, from zero. */
function recomputed(states: ReadonlyMap<string, unknown>) {
  let unrealized = new Decimal(0);
  let principal = new Decimal(0);
  let valuation = new Decimal(0);
  let realized = new Decimal(0);
  let holding = 0;
  for (const s of states.values()) {
    const r = positionRow(s);
    if (r === undefined) continue;
    if (r.status !== 'closed' && r.volume !== undefined && !r.volume.isZero()) {
      holding += 1;
      if (r.unrealized) unrealized = unrealized.add(r.unrealized);
      if (r.principal) principal = principal.add(r.principal);
      if (r.valuation) valuation = valuation.add(r.valuation);
    }
    if (r.realized) realized = realized.add(r.realized);
  }
  return { holding, unrealized, principal, valuation, realized };
}

function sameSums(book: PositionBook, states: ReadonlyMap<string, unknown>) {
  const want = recomputed(states);
  const got = book.totals();
  strictEqual(got.holding, want.holding);
  for (const k of ['unrealized', 'principal', 'valuation', 'realized'] as const)
    strictEqual(got[k].toString(), want[k].toString(), k);
}

describe('the positions book (running sums, row list)', () => {
  it('keeps its sums equal to a full recomputation, exactly, through updates, closes, removals and snapshots', () => {
    createRoot((dispose) => {
      const book = createPositionBook(60_000);
      const states = new Map<string, unknown>();
      let seed = 7;
      const rnd = (n: number) => (
        (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648),
        seed % n
      );
      for (let i = 0; i < 50; i += 1) {
        const s = state(`p${String(i)}`, i);
        states.set(`p${String(i)}`, s);
        book.put(`p${String(i)}`, s);
      }
      book.commit();
      sameSums(book, states);
      for (let round = 0; round < 200; round += 1) {
        for (let j = 0; j < 10; j += 1) {
          const key = `p${String(rnd(60))}`;
          const pick = rnd(10);
          if (pick === 0) {
            states.delete(key);
            book.put(key, null);
          } else {
            const s = state(key, rnd(100_000), pick === 1 ? 'closed' : 'active');
            states.set(key, s);
            book.put(key, s);
          }
        }
        book.commit();
        sameSums(book, states);
      }
      // a snapshot: these positions and no others
      const snap = [...states.entries()].slice(0, 20).map(([key, data]) => ({ key, data }));
      book.replaceAll(snap);
      book.commit();
      sameSums(book, new Map(snap.map((e) => [e.key, e.data])));
      strictEqual(book.rows().length, 20);
      book.stop();
      dispose();
    });
  });

  it('changes the row list only when positions come or go, and updates a row in place', () => {
    createRoot((dispose) => {
      const book = createPositionBook(60_000);
      book.put('a', state('a', 1));
      book.put('b', state('b', 2));
      book.commit();
      book.view(['a']);
      const list = book.rows();
      const rowA = list[0]!;
      book.put('a', state('a', 99));
      book.commit();
      ok(book.rows() === list, 'the same list after a figure changed');
      strictEqual(rowA.version, 99);
      strictEqual(rowA.lastPrice?.toString(), '140361287.5');
      strictEqual(book.row('a')?.version, 99);
      book.put('c', state('c', 3));
      book.commit();
      ok(book.rows() !== list);
      strictEqual(book.rows().length, 3);
      strictEqual(book.lastPrice('KRW-C0')?.toString(), '140360039.5');
      book.put('a', null);
      book.commit();
      strictEqual(book.rows().length, 2);
      strictEqual(book.row('a'), undefined);
      book.stop();
      dispose();
    });
  });

  it('a new state notifies only the cells whose figure changed (an equal Decimal is not a change)', async () => {
    await new Promise<void>((resolve) =>
      createRoot((dispose) => {
        const book = createPositionBook(60_000);
        book.put('a', state('a', 1));
        book.commit();
        book.view(['a']);
        const row = book.rows()[0]!;
        const runs = { lastPrice: 0, entryPrice: 0, principal: 0 };
        createEffect(() => (void row.lastPrice, (runs.lastPrice += 1)));
        createEffect(() => (void row.entryPrice, (runs.entryPrice += 1)));
        createEffect(() => (void row.principal, (runs.principal += 1)));
        queueMicrotask(() => {
          // the same entry and volume, another last price: a new Decimal for every figure
          book.put('a', { ...state('a', 1), lastPrice: '150000000', version: 2 });
          book.commit();
          queueMicrotask(() => {
            strictEqual(runs.lastPrice, 2, 'the last price changed');
            strictEqual(runs.entryPrice, 1, 'the entry price did not');
            strictEqual(runs.principal, 1, 'nor the principal');
            strictEqual(row.version, 2);
            book.stop();
            dispose();
            resolve();
          });
        });
      }),
    );
  });

  it('folds a state into its row only while the row is in view, read, or the table sorted; the sums count every state', () => {
    createRoot((dispose) => {
      const book = createPositionBook(60_000);
      const states = new Map<string, unknown>();
      const put = (key: string, n: number, status = 'active') => {
        const s = state(key, n, status);
        states.set(key, s);
        book.put(key, s);
      };
      put('a', 1);
      put('b', 2);
      put('c', 3);
      book.commit();
      const [a, b, c] = book.rows();
      strictEqual(b!.version, -1, 'a new row out of view: not read yet');
      book.view(['a', 'b', 'c']);
      strictEqual(b!.version, 2, 'in view: read then');
      book.view(['a']);
      put('a', 10);
      put('b', 20);
      put('c', 30);
      book.commit();
      strictEqual(a!.version, 10, 'in view: folded at once');
      strictEqual(b!.version, 2, 'out of view: the state waits');
      strictEqual(c!.version, 3);
      sameSums(book, states);
      strictEqual(book.lastPrice('KRW-C0')?.toString(), '140360390.5', 'prices count every state');
      // read through row() (a selected position): the latest state, and folded from then on
      strictEqual(book.row('b')?.version, 20);
      put('b', 21);
      book.commit();
      strictEqual(b!.version, 21);
      // scrolled into view: folded then
      book.view(['c']);
      strictEqual(c!.version, 30);
      put('a', 11);
      book.commit();
      strictEqual(a!.version, 10, 'a left the view');
      // another status moves the row to another tab: folded at once, a new list
      const list = book.rows();
      put('a', 12, 'closed');
      book.commit();
      strictEqual(a!.status, 'closed');
      strictEqual(a!.version, 12);
      ok(book.rows() !== list);
      sameSums(book, states);
      // sorted: every row folded now and on every state
      put('a', 13);
      book.view([]);
      book.setEager(true);
      put('c', 31);
      book.commit();
      strictEqual(c!.version, 31);
      book.setEager(false);
      book.stop();
      dispose();
    });
  });
});
