/// <reference lib="dom" />
/**
 * What `npm run bench -- dashboard` measures inside the page. Each export is a self-contained
 * function that playwright sends to the page as source (`addInitScript` / `evaluate`): no
 * imports, no module variables; they keep their state on `globalThis.hogaBench`. Times are
 * `Date.now()` (the bench process compares them with its own wall clock) or `performance.now()`
 * (since the navigation started) where only the page's own clock matters.
 * (This file alone needs the DOM's types: the reference above.)
 */

/** The probe's state in the page. */
export interface BenchProbe {
  /** Long tasks (≥ 50 ms) since the document started: start (performance.now) and duration. */
  longTasks: { start: number; duration: number }[];
  /** performance.now() when the first position row was in the DOM, and at the next frame. */
  firstRowAt?: number;
  firstRowFrameAt?: number;
  watch?: RowWatch;
  /** Set while rows are watched: sees each live frame's text as the page's socket delivers it. */
  onFrame?: (data: unknown) => void;
  scroll?: ScrollRun;
  logs?: LogWatch;
}

interface RowWatch {
  observer: MutationObserver;
  /** The rows at the start: position id -> its node. */
  nodes: Map<string, Element>;
  /** `valuation` cell texts seen: [position id, text, Date.now() at the next frame]. */
  seen: [string, string, number][];
  /** Watched rows' states as the socket delivered them: [id, last price, Date.now()]. */
  received: [string, string, number][];
  pending: [string, string][];
  framed: boolean;
  rowsAdded: number;
  rowsRemoved: number;
}

interface ScrollRun {
  running: boolean;
  /** performance.now() of every frame while scrolling. */
  frames: number[];
  scrolledPx: number;
}

interface LogWatch {
  observer: MutationObserver;
  /** The most `.log-row` elements in the DOM at once. */
  maxRows: number;
  /** bench line number -> Date.now() at the frame after it was first in the DOM. */
  firstSeen: Map<number, number>;
  pending: number[];
  framed: boolean;
}

/** Where the probe lives in the page (each function reads it itself: they are sent as source). */
interface PageGlobals {
  hogaBench: BenchProbe;
}

/**
 * Installed before the page's own scripts (`addInitScript`): long tasks from the start, and the
 * moment the first position row is in the DOM and the frame after it (first data rendered).
 */
export function installProbe(): void {
  const probe: BenchProbe = { longTasks: [] };
  (globalThis as unknown as PageGlobals).hogaBench = probe;
  // the page's socket listeners see each frame after the probe (when it watches)
  // eslint-disable-next-line @typescript-eslint/unbound-method -- always called with a socket
  const add = WebSocket.prototype.addEventListener;
  WebSocket.prototype.addEventListener = function (
    this: WebSocket,
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ) {
    if (type !== 'message' || typeof listener !== 'function')
      return add.call(this, type, listener, options);
    const seeing = function (this: WebSocket, event: Event) {
      probe.onFrame?.((event as MessageEvent).data);
      listener.call(this, event);
    };
    return add.call(this, type, seeing, options);
  } as typeof WebSocket.prototype.addEventListener;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      probe.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const firstRow = new MutationObserver(() => {
    if (document.querySelector('[data-position-id]') === null) return;
    firstRow.disconnect();
    probe.firstRowAt = performance.now();
    requestAnimationFrame(() => (probe.firstRowFrameAt = performance.now()));
  });
  firstRow.observe(document, { childList: true, subtree: true });
}

/** The load's figures once the first row is on screen (`waitForFunction` on `firstRowFrameAt`). */
export function loadFigures(): {
  firstRowAt: number;
  firstRowFrameAt: number;
  domContentLoaded: number;
  firstContentfulPaint: number;
  longTasks: { start: number; duration: number }[];
} {
  const probe = (globalThis as unknown as PageGlobals).hogaBench;
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  return {
    firstRowAt: probe.firstRowAt ?? Number.NaN,
    firstRowFrameAt: probe.firstRowFrameAt ?? Number.NaN,
    domContentLoaded: nav.domContentLoadedEventEnd,
    firstContentfulPaint: fcp?.startTime ?? Number.NaN,
    longTasks: probe.longTasks.filter((t) => t.start <= (probe.firstRowFrameAt ?? Infinity)),
  };
}

/** performance.now() and the long tasks after `since` (performance.now()). */
export function longTasksSince(since: number): {
  now: number;
  longTasks: { start: number; duration: number }[];
} {
  return {
    now: performance.now(),
    longTasks: (globalThis as unknown as PageGlobals).hogaBench.longTasks.filter(
      (t) => t.start >= since,
    ),
  };
}

/**
 * Starts watching the positions table's rows: their nodes now, every row node added or removed
 * from now on, each text the `valuation` cell shows (it moves with the price), stamped at the
 * frame after the change, and when the socket delivered each of their states. Returns how many
 * rows are watched.
 */
export function watchRows(): number {
  const probe = (globalThis as unknown as PageGlobals).hogaBench;
  const body = document.querySelector('.table-scroll [data-position-id]')?.parentElement;
  if (body === null || body === undefined) throw new Error('no position rows');
  const nodes = new Map<string, Element>();
  for (const row of body.querySelectorAll('[data-position-id]'))
    nodes.set(row.getAttribute('data-position-id') ?? '', row);
  const watch: RowWatch = {
    observer: new MutationObserver((records) => {
      for (const r of records) {
        if (r.target === body) {
          watch.rowsAdded += r.addedNodes.length;
          watch.rowsRemoved += r.removedNodes.length;
          continue;
        }
        const target = r.target instanceof Element ? r.target : r.target.parentElement;
        const cell = target?.closest('[data-col="valuation"]');
        const id = cell?.closest('[data-position-id]')?.getAttribute('data-position-id');
        if (cell === null || cell === undefined || id === null || id === undefined) continue;
        watch.pending.push([id, cell.textContent ?? '']);
      }
      if (watch.pending.length === 0 || watch.framed) return;
      watch.framed = true;
      requestAnimationFrame(() => {
        const at = Date.now();
        for (const [id, text] of watch.pending) watch.seen.push([id, text, at]);
        watch.pending = [];
        watch.framed = false;
      });
    }),
    nodes,
    seen: [],
    received: [],
    pending: [],
    framed: false,
    rowsAdded: 0,
    rowsRemoved: 0,
  };
  watch.observer.observe(body, { childList: true, subtree: true, characterData: true });
  // a message is one frame or (`?pack=1`) a JSON array of the frames of one send round
  const marker = '{"type":"delta","ch":"positions"';
  const key = /"key":"([^"]+)"/;
  const last = /"lastPrice":"(\d+)"/;
  probe.onFrame = (data) => {
    if (typeof data !== 'string') return;
    const at = Date.now();
    for (let from = data.indexOf(marker); from !== -1;) {
      const next = data.indexOf(marker, from + marker.length);
      const frame = data.slice(from, next === -1 ? undefined : next);
      from = next;
      const id = key.exec(frame)?.[1];
      if (id === undefined || !nodes.has(id)) continue;
      watch.received.push([id, last.exec(frame)?.[1] ?? '', at]);
    }
  };
  probe.watch = watch;
  return nodes.size;
}

/** Stops {@link watchRows}: what it saw, and whether each watched row is still the same node. */
export function stopWatchingRows(): {
  seen: [string, string, number][];
  received: [string, string, number][];
  watched: number;
  ids: string[];
  sameNode: number;
  rowsAdded: number;
  rowsRemoved: number;
} {
  const probe = (globalThis as unknown as PageGlobals).hogaBench;
  const watch = probe.watch;
  if (watch === undefined) throw new Error('rows not watched');
  watch.observer.disconnect();
  probe.onFrame = undefined;
  let sameNode = 0;
  for (const [id, node] of watch.nodes)
    if (node.isConnected && document.querySelector(`[data-position-id="${id}"]`) === node)
      sameNode += 1;
  return {
    seen: watch.seen,
    received: watch.received,
    watched: watch.nodes.size,
    ids: [...watch.nodes.keys()],
    sameNode,
    rowsAdded: watch.rowsAdded,
    rowsRemoved: watch.rowsRemoved,
  };
}

/**
 * Scrolls the positions table by `pxPerFrame` every frame (down to the end, then up again),
 * recording each frame's time, until {@link stopScrolling}. With `pxPerFrame` 0 it only records
 * the frames (the scrolling then comes as input: `--scroll=gesture`). Setting `scrollTop` from
 * a script makes the browser lay the page out at once (a forced layout in this rAF step, after
 * the virtualiser moved rows in the scroll event); a user's wheel scrolls without it.
 */
export function startScrolling(pxPerFrame: number): void {
  const probe = (globalThis as unknown as PageGlobals).hogaBench;
  const scroller = document.querySelector('.table-scroll');
  if (scroller === null) throw new Error('no positions table');
  const run: ScrollRun = { running: true, frames: [], scrolledPx: 0 };
  probe.scroll = run;
  let direction = 1;
  const step = (at: number) => {
    if (!run.running) return;
    run.frames.push(at);
    if (pxPerFrame === 0) {
      requestAnimationFrame(step);
      return;
    }
    const max = scroller.scrollHeight - scroller.clientHeight;
    if (scroller.scrollTop >= max - 1) direction = -1;
    else if (scroller.scrollTop <= 0) direction = 1;
    const before = scroller.scrollTop;
    scroller.scrollTop = before + direction * pxPerFrame;
    run.scrolledPx += Math.abs(scroller.scrollTop - before);
    requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
}

/** Stops {@link startScrolling}: the frames' times, the pixels scrolled, rows in the DOM. */
export function stopScrolling(): { frames: number[]; scrolledPx: number; rowsInDom: number } {
  const run = (globalThis as unknown as PageGlobals).hogaBench.scroll;
  if (run === undefined) throw new Error('not scrolling');
  run.running = false;
  const scroller = document.querySelector('.table-scroll');
  if (scroller !== null) scroller.scrollTop = 0;
  return {
    frames: run.frames,
    scrolledPx: run.scrolledPx,
    rowsInDom: document.querySelectorAll('.table-scroll [data-position-id]').length,
  };
}

/**
 * Watches the log viewer: the most `.log-row` elements in the DOM at once, and when each bench
 * line (message `bench line <n>`) is first in the DOM (stamped at the next frame).
 */
export function watchLogs(): void {
  const probe = (globalThis as unknown as PageGlobals).hogaBench;
  const scroller = document.querySelector('.log-scroll');
  if (scroller === null) throw new Error('no log viewer');
  const pattern = /bench line (\d+)/;
  const watch: LogWatch = {
    observer: new MutationObserver(() => {
      watch.maxRows = Math.max(watch.maxRows, scroller.querySelectorAll('.log-row').length);
      for (const msg of scroller.querySelectorAll('.log-msg')) {
        const n = Number(pattern.exec(msg.textContent ?? '')?.[1] ?? Number.NaN);
        if (Number.isInteger(n) && !watch.firstSeen.has(n) && !watch.pending.includes(n))
          watch.pending.push(n);
      }
      if (watch.pending.length === 0 || watch.framed) return;
      watch.framed = true;
      requestAnimationFrame(() => {
        const at = Date.now();
        for (const n of watch.pending) watch.firstSeen.set(n, at);
        watch.pending = [];
        watch.framed = false;
      });
    }),
    maxRows: scroller.querySelectorAll('.log-row').length,
    firstSeen: new Map(),
    pending: [],
    framed: false,
  };
  watch.observer.observe(scroller, { childList: true, subtree: true, characterData: true });
  probe.logs = watch;
}

/** {@link watchLogs}' figures so far, and what the viewer says it holds. */
export function logFigures(): {
  maxRows: number;
  rowsNow: number;
  firstSeen: [number, number][];
  heading: string;
} {
  const watch = (globalThis as unknown as PageGlobals).hogaBench.logs;
  if (watch === undefined) throw new Error('logs not watched');
  const scroller = document.querySelector('.log-scroll');
  return {
    maxRows: watch.maxRows,
    rowsNow: scroller?.querySelectorAll('.log-row').length ?? 0,
    firstSeen: [...watch.firstSeen],
    heading: document.querySelector('.log-viewer h2')?.textContent ?? '',
  };
}
