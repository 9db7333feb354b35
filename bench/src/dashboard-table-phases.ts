import type { EngineProcess } from './dashboard-engine-process.js';
import {
  frameFigures,
  gatewayFigures,
  latencyRow,
  longTaskFigures,
  round,
  updateOfPrice,
  updateOfValuation,
} from './dashboard-figures.js';
import * as probe from './dashboard-page.js';
import type { PageSession } from './dashboard-page-session.js';
import type { Row } from './report.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the positions table's phases run on. */
export interface TableWorld {
  readonly session: PageSession;
  readonly engine: EngineProcess;
  readonly seconds: number;
  readonly scrollPx: number;
  readonly scrollBy: 'js' | 'gesture';
  readonly batch: number;
  readonly batchesPerSecond: number;
  /** Notes for the results file. */
  readonly notes: Record<string, unknown>;
}

/** Phase 2: scrolling the table without updates, the frames/s reference. */
export async function scrollingAlone(w: TableWorld): Promise<Row> {
  const idle = await w.session.measured(async () => {
    return w.session.scrollFor();
  });
  const idleFrames = frameFigures(idle.result.frames);
  return {
    measure: `scrolling the table, no updates (${w.scrollBy}, ${String(w.scrollPx)} px a frame)`,
    'frames/s': idleFrames.fps,
    'worst second fps': idleFrames.worstSecond,
    'frames > 25 ms': idleFrames.slowFrames,
    'longest frame ms': idleFrames.longestFrame,
    ...longTaskFigures(idle.longTasks),
    'rows in DOM': idle.result.rowsInDom,
    goal: '>= 55 frames/s',
  };
}

/**
 * Phase 3: updates, not scrolling: long tasks, the rows' nodes kept, and publish -> pixels (each
 * visible row's price cell: the published price shown, stamped at the next frame, against its
 * publish time), split at the page's socket listener.
 */
export async function updatesNotScrolling(w: TableWorld): Promise<{ table: Row; latency: Row[] }> {
  const { session, engine, seconds, batchesPerSecond, batch, notes } = w;
  const { page } = session;
  const updates = await session.measured(async () => {
    const watched = await page.evaluate(probe.watchRows);
    const profiling = await session.profiler('updates');
    await engine.ask({ op: 'start', batchesPerSecond }, 'started');
    await sleep(seconds * 1000);
    const stopped = await engine.ask({ op: 'stop' }, 'stopped');
    await profiling.stop();
    await sleep(1_000);
    return { watched, stopped, seen: await page.evaluate(probe.stopWatchingRows) };
  });
  const { seen, stopped } = updates.result;
  const publishedAt = new Map(stopped.publishedAt);
  const watchedIds = new Set(seen.ids);
  const sentAtOf = (id: string, n: number) => publishedAt.get(`${id}:${String(n)}`);
  const receivedAt = new Map<string, number>();
  const toPage: number[] = [];
  for (const [id, last, at] of seen.received) {
    const n = updateOfPrice(last);
    receivedAt.set(`${id}:${String(n)}`, at);
    const sent = sentAtOf(id, n);
    if (sent !== undefined) toPage.push(at - sent);
  }
  const toPixels: number[] = [];
  const inPage: number[] = [];
  const updatedRows = new Set<string>();
  let unmatched = 0;
  for (const [id, shown, at] of seen.seen) {
    const n = updateOfValuation(shown);
    const sent = sentAtOf(id, n);
    if (sent === undefined) {
      unmatched += 1;
      continue;
    }
    toPixels.push(at - sent);
    updatedRows.add(id);
    const received = receivedAt.get(`${id}:${String(n)}`);
    if (received !== undefined) inPage.push(at - received);
  }
  notes['statesPublishedPerSecond'] = stopped.publishedAt.length / seconds;
  notes['engineProcessPctCore'] = round(stopped.cpuMs / (seconds * 10));
  return {
    table: {
      measure: `${String(seconds)} s of updates: ${String(batchesPerSecond)} batches/s x ${String(batch)} states, not scrolling`,
      'states/s': Math.round(stopped.publishedAt.length / seconds),
      ...longTaskFigures(updates.longTasks),
      'rows watched': seen.watched,
      'rows updated': updatedRows.size,
      'same node at end': seen.sameNode,
      'row nodes added/removed': seen.rowsAdded + seen.rowsRemoved,
      ...gatewayFigures(updates),
      goal: 'no task > 100 ms; every row the same node',
    },
    latency: [
      latencyRow('publish -> pixels (a visible row shows the state, next frame)', toPixels, {
        'not matched': unmatched,
        'visible rows: states published': stopped.publishedAt.filter(([key]) =>
          watchedIds.has(key.slice(0, key.lastIndexOf(':'))),
        ).length,
        'delivered to the page': seen.received.length,
        goal: 'p99 <= 100 ms',
      }),
      latencyRow("  of which publish -> the page's socket listener", toPage),
      latencyRow('  of which socket listener -> next frame with it', inPage),
    ],
  };
}

/** Phase 4: scrolling the table during the updates: frames/s, long tasks. */
export async function updatesWhileScrolling(w: TableWorld): Promise<Row> {
  const { session, engine, batchesPerSecond, notes } = w;
  const scrolling = await session.measured(async () => {
    const profiling = await session.profiler('scrolling');
    await engine.ask({ op: 'start', batchesPerSecond }, 'started');
    const result = await session.scrollFor();
    await profiling.stop();
    const stopped = await engine.ask({ op: 'stop' }, 'stopped');
    notes['publishFailures'] = stopped.failures;
    return result;
  });
  const scrollFrames = frameFigures(scrolling.result.frames);
  return {
    measure: `scrolling the table during the updates (${w.scrollBy}, ${String(w.batch * batchesPerSecond)} states/s)`,
    'frames/s': scrollFrames.fps,
    'worst second fps': scrollFrames.worstSecond,
    'frames > 25 ms': scrollFrames.slowFrames,
    'longest frame ms': scrollFrames.longestFrame,
    ...longTaskFigures(scrolling.longTasks),
    'rows in DOM': scrolling.result.rowsInDom,
    ...gatewayFigures(scrolling),
    goal: '>= 55 frames/s, no task > 100 ms',
  };
}
