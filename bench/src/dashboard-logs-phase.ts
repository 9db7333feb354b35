import type { EngineProcess } from './dashboard-engine-process.js';
import { gatewayFigures, longTaskFigures } from './dashboard-figures.js';
import * as probe from './dashboard-page.js';
import type { PageSession } from './dashboard-page-session.js';
import { percentile, type Row } from './report.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Phase 5: `lines` log lines at `perSecond` (four services in turn) into the live tail: the most
 * log rows in the DOM at once, the lines the viewer holds, publish -> line on screen.
 */
export async function logViewer(
  session: PageSession,
  engine: EngineProcess,
  lines: number,
  perSecond: number,
): Promise<Row[]> {
  const { page } = session;
  await page.evaluate(probe.watchLogs);
  const logWindow = await session.measured(async () => {
    const profiling = await session.profiler('logs');
    const logged = await engine.ask({ op: 'logs', lines, perSecond }, 'logged');
    await profiling.stop();
    await sleep(2_000);
    return { ...(await page.evaluate(probe.logFigures)), ...logged };
  });
  const logFigures = logWindow.result;
  const sentAt = logFigures.sentAt;
  const shownAfter = logFigures.firstSeen.map(([n, at]) => at - sentAt[n]!);
  const held = Number(/[\d,]+/.exec(logFigures.heading)?.[0]?.replaceAll(',', '') ?? NaN);
  return [
    {
      measure: `${String(lines)} log lines at ${String(perSecond)}/s, live tail`,
      'lines held': held,
      'most rows in DOM': logFigures.maxRows,
      'rows in DOM at end': logFigures.rowsNow,
      'lines seen on screen': logFigures.firstSeen.length,
      'lines dropped by the sink': logFigures.dropped,
      ...longTaskFigures(logWindow.longTasks),
      ...gatewayFigures(logWindow),
      goal: '< 200 rows in the DOM',
    },
    {
      measure: 'log line published -> on screen (next frame)',
      samples: shownAfter.length,
      'p50 ms': percentile(shownAfter, 50),
      'p99 ms': percentile(shownAfter, 99),
      'max ms': percentile(shownAfter, 100),
      goal: 'within 1 s',
    },
  ];
}
