import {
  createSolidTable,
  getCoreRowModel,
  getSortedRowModel,
  type ColumnDef,
  type SortingState,
} from '@tanstack/solid-table';
import { createVirtualizer } from '@tanstack/solid-virtual';
import { createComputed, createMemo, createSignal, For, Show } from 'solid-js';
import {
  averagePriceText,
  krwChange,
  krwText,
  percentChange,
  priceText,
  timeText,
} from '../format.js';
import { t, tn } from '../i18n/i18n.js';
import { exitReasonText, trailingText } from '../levels.js';
import { STATUSES, type PositionRow, type Status } from '../positions.js';

type Tab = Status | 'all';
const TABS: readonly Tab[] = [...STATUSES, 'all'];
const ROW_HEIGHT = 32;
/** Keys that move the focus between rows, and by how many rows. */
const ROW_KEYS: Readonly<Record<string, number>> = {
  ArrowDown: 1,
  ArrowUp: -1,
  PageDown: 10,
  PageUp: -10,
  Home: -Infinity,
  End: Infinity,
};
const HIDDEN_KEY = 'hoga.table.hiddenColumns';

/**
 * The columns the operator chose to hide on a tab (kept in this browser), else the tab's
 * default set.
 */
function savedHidden(tab: Tab): readonly string[] {
  const fallback = DEFAULT_HIDDEN[tab];
  try {
    const kept = localStorage.getItem(`${HIDDEN_KEY}.${tab}`);
    if (kept === null) return fallback;
    const saved: unknown = JSON.parse(kept);
    return Array.isArray(saved) ? saved.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return fallback;
  }
}
const num = (d: { toNumber(): number } | undefined) => (d === undefined ? -Infinity : d.toNumber());
const when = (iso: string | undefined) => (iso === undefined ? -Infinity : Date.parse(iso));

interface Column {
  id: string;
  label: () => string;
  width: string;
  numeric?: boolean;
  sort: (r: PositionRow) => number | string;
  cell: (r: PositionRow) => { text: string; className?: string };
}

/**
 * The columns, the most watched first: what it is, its state, then what it is worth and what it
 * earns (valuation, unrealized PnL and %), then prices and levels. Widths fit the figures of a
 * position (8-digit KRW, 9-digit prices) in tabular digits; a longer text is cut with `…` and
 * whole in the cell's title.
 */
const COLUMNS: readonly Column[] = [
  {
    id: 'market',
    label: () => t('table.market'),
    width: '88px',
    sort: (r) => r.market,
    cell: (r) => ({ text: r.market }),
  },
  {
    id: 'status',
    label: () => t('table.status'),
    width: '108px',
    sort: (r) => r.status,
    cell: (r) => ({
      text: `${r.status === 'error' ? '⚠ ' : ''}${t(`status.${r.status}`)}${r.paused ? ` · ${t('table.paused')}` : ''}`,
    }),
  },
  {
    id: 'valuation',
    label: () => t('table.valuation'),
    width: '124px',
    numeric: true,
    sort: (r) => num(r.valuation),
    cell: (r) => ({ text: krwText(r.valuation) }),
  },
  {
    id: 'pnl',
    label: () => t('table.pnl'),
    width: '124px',
    numeric: true,
    sort: (r) => num(r.unrealized),
    cell: (r) => {
      const c = krwChange(r.unrealized);
      return { text: c.text, className: c.className };
    },
  },
  {
    id: 'pnlPct',
    label: () => t('table.pnlPct'),
    width: '92px',
    numeric: true,
    sort: (r) => num(r.unrealizedPct),
    cell: (r) => {
      const c = percentChange(r.unrealizedPct);
      return { text: c.text, className: c.className };
    },
  },
  {
    id: 'principal',
    label: () => t('table.principal'),
    width: '124px',
    numeric: true,
    sort: (r) => num(r.principal),
    cell: (r) => ({ text: krwText(r.principal) }),
  },
  {
    id: 'last',
    label: () => t('table.last'),
    width: '148px',
    numeric: true,
    sort: (r) => num(r.lastPrice),
    cell: (r) => ({ text: priceText(r.lastPrice) }),
  },
  {
    id: 'entry',
    label: () => t('table.entry'),
    width: '148px',
    numeric: true,
    sort: (r) => num(r.entryPrice),
    cell: (r) => ({ text: averagePriceText(r.entryPrice) }),
  },
  {
    id: 'realized',
    label: () => t('detail.realized'),
    width: '124px',
    numeric: true,
    sort: (r) => num(r.realized),
    cell: (r) => {
      const c = krwChange(r.realized);
      return { text: c.text, className: c.className };
    },
  },
  {
    id: 'exitReason',
    label: () => t('table.exitReason'),
    width: '130px',
    sort: (r) => exitReasonText(r.exitReason),
    cell: (r) => ({ text: exitReasonText(r.exitReason) }),
  },
  {
    id: 'strategy',
    label: () => t('table.strategy'),
    width: '150px',
    sort: (r) => r.strategy,
    cell: (r) => ({ text: r.strategy }),
  },
  {
    id: 'enteredAt',
    label: () => t('table.enteredAt'),
    width: '190px',
    numeric: true,
    sort: (r) => when(r.enteredAt),
    cell: (r) => ({ text: timeText(r.enteredAt) }),
  },
  {
    id: 'peak',
    label: () => t('table.peak'),
    width: '148px',
    numeric: true,
    sort: (r) => num(r.peakPrice),
    cell: (r) => ({ text: priceText(r.peakPrice) }),
  },
  {
    id: 'takeProfit',
    label: () => t('table.takeProfit'),
    width: '148px',
    numeric: true,
    sort: (r) => num(r.takeProfit),
    cell: (r) => ({ text: priceText(r.takeProfit) }),
  },
  {
    id: 'stopLoss',
    label: () => t('table.stopLoss'),
    width: '148px',
    numeric: true,
    sort: (r) => num(r.stopLoss),
    cell: (r) => ({ text: priceText(r.stopLoss) }),
  },
  {
    id: 'trailingStop',
    label: () => t('table.trailingStop'),
    width: '170px',
    numeric: true,
    sort: (r) => num(r.trailingStop),
    cell: (r) => ({ text: trailingText(r) }),
  },
];

/**
 * Hidden until the operator shows them (column chooser), per tab: each tab's default fits a
 * 1,440 px screen beside the detail panel and shows what matters for that state — an open
 * position's valuation and PnL; a pending entry's prices; a closed position's entry, realized PnL
 * and exit reason (it holds nothing: no valuation, no unrealized PnL). A choice once made on a
 * tab is kept for that tab instead.
 */
const OPEN_HIDDEN: readonly string[] = [
  'entry',
  'realized',
  'enteredAt',
  'peak',
  'takeProfit',
  'stopLoss',
  'trailingStop',
  'exitReason',
];
const DEFAULT_HIDDEN: Readonly<Record<Tab, readonly string[]>> = {
  active: OPEN_HIDDEN,
  all: OPEN_HIDDEN,
  pending: [
    'valuation',
    'pnl',
    'pnlPct',
    'principal',
    'realized',
    'exitReason',
    'enteredAt',
    'peak',
    'trailingStop',
  ],
  closing: OPEN_HIDDEN.filter((c) => c !== 'exitReason'),
  error: OPEN_HIDDEN.filter((c) => c !== 'exitReason'),
  closed: [
    'valuation',
    'pnl',
    'pnlPct',
    'last',
    'peak',
    'takeProfit',
    'stopLoss',
    'trailingStop',
    'principal',
  ],
};

/**
 * The positions table: status tabs, sortable columns (TanStack Table), virtualised rows
 * (TanStack Virtual: only the visible rows are in the DOM). Rows are keyed by position
 * (`<For>` over the rows in view): an update of a position changes the text of its row's cells,
 * never the node, and scrolling adds and removes only the rows that enter or leave the view.
 */
export function PositionsTable(props: {
  rows: () => readonly PositionRow[];
  /** Moves when figures changed (at most once a second): a sorted table sorts again. */
  figures?: () => number;
  /** The positions whose rows are in view now (their states are folded, the others' wait). */
  onView?: (ids: readonly string[]) => void;
  /** Sorted or not (a sorted table reads every row's figures). */
  onSorted?: (sorted: boolean) => void;
  selected: () => string | undefined;
  onSelect: (id: string) => void;
}) {
  const [tab, setTab] = createSignal<Tab>('active');
  const [sorting, setSorting] = createSignal<SortingState>([]);
  // sorted: every row's figures are read (folded) before the sort reads them
  createComputed(() => props.onSorted?.(sorting().length > 0));
  const data = createMemo(() => {
    const current = tab();
    // sorted: the new figures re-sort the rows (a new list); unsorted: their order stands
    if (sorting().length > 0) void props.figures?.();
    return props.rows().filter((r) => current === 'all' || r.status === current);
  });
  const columns: ColumnDef<PositionRow>[] = COLUMNS.map((c) => ({
    id: c.id,
    accessorFn: c.sort,
    sortDescFirst: c.numeric === true,
  }));
  const table = createSolidTable({
    get data() {
      return data();
    },
    columns,
    state: {
      get sorting() {
        return sorting();
      },
    },
    onSortingChange: (updater) =>
      setSorting(typeof updater === 'function' ? updater(sorting()) : updater),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (r) => r.id,
  });
  const rows = createMemo(() => table.getRowModel().rows.map((r) => r.original));
  // a plain variable: the virtualizer reads it once mounted (the element attached, its size known)
  let scroller: HTMLDivElement | undefined;
  const virtualizer = createVirtualizer({
    get count() {
      return rows().length;
    },
    getScrollElement: () => scroller ?? null,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  /**
   * The rows in view (plus the overscan), keyed by position: a row keeps its node (and its
   * cells their text) while it stays in view, so a scroll step adds the rows that come into
   * view and removes those that leave instead of rewriting every row's cells, and a state
   * changes only its own row's cells. `startOf` places each row (it moves only on a re-sort).
   */
  const inView = createMemo(() => {
    const list = rows();
    const out: PositionRow[] = [];
    for (const item of virtualizer.getVirtualItems()) {
      const r = list[item.index];
      if (r !== undefined) out.push(r);
    }
    return out;
  });
  // before the rows render: the book folds what waits for the rows that come into view
  createComputed(() => props.onView?.(inView().map((r) => r.id)));
  const startOf = createMemo(() => {
    const list = rows();
    const at = new Map<PositionRow, number>();
    for (const item of virtualizer.getVirtualItems()) {
      const r = list[item.index];
      if (r !== undefined) at.set(r, item.start);
    }
    return at;
  });
  const counts = createMemo(() => {
    const c: Record<string, number> = { all: props.rows().length };
    for (const r of props.rows()) c[r.status] = (c[r.status] ?? 0) + 1;
    return c;
  });
  const [hiddenByTab, setHiddenByTab] = createSignal<Partial<Record<Tab, readonly string[]>>>({});
  const hidden = () => hiddenByTab()[tab()] ?? savedHidden(tab());
  const visible = createMemo(() => COLUMNS.filter((c) => !hidden().includes(c.id)));
  const cols = () =>
    visible()
      .map((c) => c.width)
      .join(' ');
  const toggle = (id: string, show: boolean) => {
    const next = show ? hidden().filter((h) => h !== id) : [...hidden(), id];
    localStorage.setItem(`${HIDDEN_KEY}.${tab()}`, JSON.stringify(next));
    setHiddenByTab((all) => ({ ...all, [tab()]: next }));
  };
  /**
   * Moves the focus `by` rows from the row of `id` (within the list, as sorted and filtered):
   * the row is scrolled into view first, its node focused once it is rendered.
   */
  const focusRow = (id: string, by: number) => {
    const list = rows();
    const from = list.findIndex((x) => x.id === id);
    const to = Math.max(0, Math.min(list.length - 1, from + by));
    const target = list[to];
    if (target === undefined || to === from) return;
    virtualizer.scrollToIndex(to, { align: 'auto' });
    let tries = 0;
    const focus = () => {
      const node = scroller?.querySelector<HTMLElement>(
        `[data-position-id="${CSS.escape(target.id)}"]`,
      );
      if (node !== null && node !== undefined) node.focus({ preventScroll: true });
      else if ((tries += 1) < 10) requestAnimationFrame(focus);
    };
    focus();
  };
  const sortMark = (id: string) => {
    const s = sorting().find((x) => x.id === id);
    return s === undefined ? '' : s.desc ? ' ▼' : ' ▲';
  };
  return (
    <section class="panel positions-panel" aria-label={t('table.title')}>
      <div class="panel-head">
        <h2>
          {t('table.title')} · {tn('table.rows', rows().length)}
        </h2>
        <details class="column-choice">
          <summary>{t('table.columns')}</summary>
          <For each={COLUMNS}>
            {(c) => (
              <label>
                <input
                  type="checkbox"
                  data-column-toggle={c.id}
                  checked={!hidden().includes(c.id)}
                  disabled={c.id === 'market'}
                  onChange={(e) => toggle(c.id, e.currentTarget.checked)}
                />{' '}
                {c.label()}
              </label>
            )}
          </For>
        </details>
      </div>
      <div class="tabs" role="tablist">
        <For each={TABS}>
          {(name) => (
            <button
              role="tab"
              data-tab={name}
              aria-selected={tab() === name}
              onClick={() => setTab(name)}
            >
              {t(`table.tabs.${name}`)} ({counts()[name] ?? 0})
            </button>
          )}
        </For>
      </div>
      <div
        class="table-scroll"
        ref={(el) => (scroller = el)}
        role="grid"
        aria-rowcount={rows().length}
      >
        <div class="grid-head" role="row" style={{ '--cols': cols() }}>
          <For each={visible()}>
            {(c) => (
              <div
                role="columnheader"
                data-col={c.id}
                class={c.numeric ? 'num' : ''}
                title={c.label()}
                tabindex="0"
                onClick={(e) => table.getColumn(c.id)?.toggleSorting(undefined, e.shiftKey)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') table.getColumn(c.id)?.toggleSorting();
                }}
              >
                {c.label()}
                {sortMark(c.id)}
              </div>
            )}
          </For>
        </div>
        <Show when={rows().length > 0} fallback={<p class="sub">{t('table.empty')}</p>}>
          <div class="virtual-rows" style={{ height: `${virtualizer.getTotalSize()}px` }}>
            <For each={inView()}>
              {(r) => (
                <div
                  class="grid-row"
                  role="row"
                  data-position-id={r.id}
                  aria-selected={props.selected() === r.id}
                  tabindex="0"
                  style={{ '--cols': cols(), transform: `translateY(${startOf().get(r) ?? 0}px)` }}
                  onClick={() => props.onSelect(r.id)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') props.onSelect(r.id);
                    const by = ROW_KEYS[e.key];
                    if (by === undefined) return;
                    e.preventDefault();
                    focusRow(r.id, by);
                  }}
                >
                  <For each={visible()}>
                    {(c) => {
                      // formatted once per change (the class, title and text read it)
                      const v = createMemo(() => c.cell(r));
                      return (
                        <div
                          role="gridcell"
                          data-col={c.id}
                          class={`${c.numeric ? 'num ' : ''}${v().className ?? ''}`}
                          title={v().text}
                        >
                          {v().text}
                        </div>
                      );
                    }}
                  </For>
                </div>
              )}
            </For>
          </div>
        </Show>
      </div>
    </section>
  );
}
