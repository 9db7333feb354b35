/**
 * The `positions` channel as the page holds it, with work proportional to what changed (bench
 * README "dashboard"): each position is its own small Solid store (a cell reads only the fields
 * it shows, so a state updates the cells of its own row and nothing else), the row list changes
 * identity only when positions come or go or one changes its status (its tab), a `figures` tick
 * says at most once a second that figures changed (a table sorted by a figure re-sorts then; an
 * unsorted one does nothing), and the summary's sums are kept as running totals in exact
 * decimals (a position's old figures subtracted, its new ones added), never summed over all
 * positions.
 */
import { Decimal } from '@hoga/model/decimal';
import { batch, createSignal } from 'solid-js';
import { createStore, type SetStoreFunction } from 'solid-js/store';
import {
  positionFigures,
  positionRow,
  type PositionFigures,
  type PositionRow,
} from '../positions.js';

/** Sums over the positions, exact. */
export interface PositionTotals {
  /** Positions held: not closed, with a volume other than zero. */
  readonly holding: number;
  /** Over the held positions. */
  readonly unrealized: Decimal;
  readonly principal: Decimal;
  readonly valuation: Decimal;
  /** Over all positions. */
  readonly realized: Decimal;
}

const ZERO = new Decimal(0);
const EMPTY: PositionTotals = {
  holding: 0,
  unrealized: ZERO,
  principal: ZERO,
  valuation: ZERO,
  realized: ZERO,
};

interface Slot {
  /** The row the table's cells read (a store: reads are tracked per field). */
  readonly store: PositionRow;
  readonly set: SetStoreFunction<PositionRow>;
  /** The latest state as received, and its figures (what the sums and prices count). */
  data: unknown;
  figures: PositionFigures;
  /** Whether `store` and `readPlain` show `data` (a row out of view waits until it is in view). */
  folded: boolean;
  /** The row as a plain object when last folded (a new one per state), as a signal. */
  readonly setPlain: (row: PositionRow) => void;
  readonly readPlain: () => PositionRow;
  /** The row read by `row()` from a state not folded yet, and that state. */
  read?: { readonly data: unknown; readonly row: PositionRow };
}

/** Equal for the page: the same value, or two Decimals of the same number. */
const same = (a: unknown, b: unknown): boolean =>
  a === b || (a instanceof Decimal && b instanceof Decimal && a.eq(b));
const FIELDS = (row: PositionRow) => Object.keys(row) as (keyof PositionRow)[];
const setField = (
  set: SetStoreFunction<PositionRow>,
  field: keyof PositionRow,
  value: PositionRow[keyof PositionRow],
) => (set as unknown as (f: keyof PositionRow, v: unknown) => void)(field, value);

/** A row not read yet: its figures, the rest empty until it is folded (never shown so). */
const unread = (f: PositionFigures): PositionRow => ({
  id: f.id,
  market: f.market,
  status: f.status,
  volume: f.volume,
  entryPrice: f.entryPrice,
  lastPrice: f.lastPrice,
  principal: f.principal,
  valuation: f.valuation,
  unrealized: f.unrealized,
  realized: f.realized,
  strategy: '',
  paused: false,
  peakPrice: undefined,
  unrealizedPct: undefined,
  enteredAt: undefined,
  takeProfit: undefined,
  stopLoss: undefined,
  trailingStop: undefined,
  trailingArmsAt: undefined,
  timeLimitAt: undefined,
  exitReason: null,
  failure: null,
  version: -1,
});

const holds = (r: PositionFigures) =>
  r.status !== 'closed' && r.volume !== undefined && !r.volume.isZero();

/**
 * `resortMs`: how often at most the `figures` tick moves because figures changed (a table sorted
 * by a figure sorts again then; an unsorted one keeps its order and does no work).
 */
export function createPositionBook(resortMs = 1_000) {
  const slots = new Map<string, Slot>();
  const [rows, setRows] = createSignal<readonly PositionRow[]>([]);
  const [figures, setFigures] = createSignal(0);
  const [totals, setTotals] = createSignal<PositionTotals>(EMPTY);
  /** The latest known price per market (from the position updated last), for coin valuation. */
  const [prices, setPrices] = createSignal<ReadonlyMap<string, Decimal>>(new Map(), {
    equals: false,
  });
  const priceOf = new Map<string, Map<string, Decimal>>();
  const latestPrice = new Map<string, Decimal>();

  // running sums, published once per commit
  let holding = 0;
  let unrealized = ZERO;
  let principal = ZERO;
  let valuation = ZERO;
  let realized = ZERO;
  let keysChanged = false;
  let sumsChanged = false;
  let pricesChanged = false;
  let figuresChanged = false;
  let resortTimer: ReturnType<typeof setTimeout> | undefined;

  const count = (r: PositionFigures, sign: 1 | -1) => {
    const add = (a: Decimal, d: Decimal | undefined) =>
      d === undefined ? a : sign === 1 ? a.add(d) : a.sub(d);
    if (holds(r)) {
      holding += sign;
      unrealized = add(unrealized, r.unrealized);
      principal = add(principal, r.principal);
      valuation = add(valuation, r.valuation);
    }
    realized = add(realized, r.realized);
    sumsChanged = true;
  };
  const notePrice = (
    key: string,
    before: PositionFigures | undefined,
    after: PositionFigures | undefined,
  ) => {
    if (before !== undefined && (after === undefined || after.market !== before.market)) {
      const m = priceOf.get(before.market);
      if (m?.delete(key) === true) {
        pricesChanged = true;
        if (m.size === 0) {
          priceOf.delete(before.market);
          latestPrice.delete(before.market);
        } else if (latestPrice.get(before.market) !== undefined) {
          let last: Decimal | undefined;
          for (const p of m.values()) last = p;
          if (last !== undefined) latestPrice.set(before.market, last);
        }
      }
    }
    if (after?.lastPrice !== undefined) {
      let m = priceOf.get(after.market);
      if (m === undefined) priceOf.set(after.market, (m = new Map<string, Decimal>()));
      m.delete(key);
      m.set(key, after.lastPrice);
      if (latestPrice.get(after.market) !== after.lastPrice) {
        latestPrice.set(after.market, after.lastPrice);
        pricesChanged = true;
      }
    }
  };

  const remove = (key: string) => {
    const slot = slots.get(key);
    if (slot === undefined) return;
    count(slot.figures, -1);
    notePrice(key, slot.figures, undefined);
    slots.delete(key);
    keysChanged = true;
  };

  /**
   * Rows folded on every state: those in view (`view`), those read through `row` (a selected
   * position's panel), all of them while `eager` (a table sorted by a figure reads them all).
   * The others keep their latest state raw, with only its figures parsed, until they are needed.
   */
  let inView = new Set<string>();
  const followed = new Set<string>();
  let eager = false;

  /** Brings a slot's store and plain row to its latest state. */
  const fold = (slot: Slot) => {
    slot.folded = true;
    const next = positionRow(slot.data, slot.figures);
    if (next === undefined) return;
    // field by field: only the fields whose value changed notify their readers, and a figure
    // equal to the one shown (a new Decimal of the same value) is not a change
    for (const field of FIELDS(next))
      if (!same(slot.store[field], next[field])) setField(slot.set, field, next[field]);
    slot.setPlain(next);
  };

  /** A position's new state (null or a state of another shape: the position goes). */
  const put = (key: string, data: unknown) => {
    const figures = data === null ? undefined : positionFigures(data);
    if (figures === undefined) return remove(key);
    const slot = slots.get(key);
    if (slot === undefined) {
      // a row out of view starts from its figures alone (a snapshot of thousands: the rest of
      // each row is parsed when it comes into view)
      const now = eager || inView.has(key) || followed.has(key);
      const first = (now ? positionRow(data, figures) : undefined) ?? unread(figures);
      const [store, set] = createStore<PositionRow>({ ...first });
      const [readPlain, setPlain] = createSignal(first);
      slots.set(key, { store, set, data, figures, folded: now, readPlain, setPlain });
      count(figures, 1);
      notePrice(key, undefined, figures);
      keysChanged = true;
      return;
    }
    count(slot.figures, -1);
    notePrice(key, slot.figures, figures);
    // another status moves the row to another tab: the list changes, the row is read now
    const moved = slot.figures.status !== figures.status;
    if (moved) keysChanged = true;
    slot.data = data;
    slot.figures = figures;
    if (moved || eager || inView.has(key) || followed.has(key)) fold(slot);
    else slot.folded = false;
    count(figures, 1);
    figuresChanged = true;
  };

  const publishRows = () => setRows([...slots.values()].map((s) => s.store));

  return {
    /**
     * The rows in arrival order (the table sorts), one store per position: a new list when
     * positions come or go or one changes its status, not when figures change.
     */
    rows,
    /** Moves at most once per `resortMs` when figures changed (for a table sorted by one). */
    figures,
    /** The latest row of a position as a plain object (tracked), or undefined. */
    row: (key: string | undefined): PositionRow | undefined => {
      if (key === undefined) return undefined;
      void rows(); // a position that arrives later
      followed.add(key); // its next states are folded as they come
      const slot = slots.get(key);
      if (slot === undefined) return undefined;
      const plain = slot.readPlain();
      if (slot.folded) return plain;
      // not folded yet: read from its latest state (the same object while that state stands)
      const read =
        slot.read !== undefined && slot.read.data === slot.data
          ? slot.read
          : { data: slot.data, row: positionRow(slot.data, slot.figures) ?? plain };
      slot.read = read;
      return read.row;
    },
    /**
     * The positions in view now (the table's rows): their rows are folded now if a state
     * waits, and on every state from now on; the others' states wait until they are in view.
     */
    view(keys: Iterable<string>) {
      inView = new Set(keys);
      batch(() => {
        for (const key of inView) {
          const slot = slots.get(key);
          if (slot !== undefined && !slot.folded) fold(slot);
        }
      });
    },
    /** Fold every row on every state (a table sorted by a figure reads them all) or not. */
    setEager(on: boolean) {
      eager = on;
      if (on) batch(() => slots.forEach((slot) => slot.folded || fold(slot)));
    },
    totals,
    /** The latest price of a market among the positions, if one has it. */
    lastPrice: (market: string): Decimal | undefined => prices().get(market),
    put,
    /** A snapshot: these positions and no others. */
    replaceAll(entries: readonly { key: string; data: unknown }[]) {
      const present = new Set<string>();
      for (const e of entries) {
        if (e.data === null) continue;
        present.add(e.key);
        put(e.key, e.data);
      }
      for (const key of [...slots.keys()]) if (!present.has(key)) remove(key);
    },
    /** Publishes what changed since the last commit (call once per flush, inside a batch). */
    commit() {
      if (keysChanged) {
        keysChanged = false;
        figuresChanged = false;
        clearTimeout(resortTimer);
        resortTimer = undefined;
        publishRows();
      } else if (figuresChanged && resortTimer === undefined) {
        resortTimer = setTimeout(() => {
          resortTimer = undefined;
          if (!figuresChanged) return;
          figuresChanged = false;
          setFigures((n) => n + 1);
        }, resortMs);
      }
      if (sumsChanged) {
        sumsChanged = false;
        setTotals({ holding, unrealized, principal, valuation, realized });
      }
      if (pricesChanged) {
        pricesChanged = false;
        setPrices(latestPrice);
      }
    },
    stop() {
      clearTimeout(resortTimer);
    },
  };
}
export type PositionBook = ReturnType<typeof createPositionBook>;
