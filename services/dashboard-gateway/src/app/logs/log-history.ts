import { LOG_LEVELS, LogRecord, subjects, type LogLevel } from '@hoga/contracts';
import type { Bus, KeptMessage } from '@hoga/bus';
import type { StreamSpec } from '@hoga/contracts';
import { DEFAULT_LOG_PAGE, type LogsQuery } from './logs-query.codec.js';
import { logLineView, type LogLineView } from './log-view.js';

/** Stream sequences looked at per request at most: a search over a large stream stays bounded. */
export const MAX_LOG_SCAN = 2_000;

/** A page of `GET /api/logs`, newest first. */
export interface LogPage {
  readonly lines: readonly (LogLineView & { readonly seq: number })[];
  /** Pass as `before` for older lines; null once the oldest kept line was looked at. */
  readonly next: number | null;
  /** Stream sequences looked at for this page. */
  readonly scanned: number;
  /**
   * True when the search stopped at {@link MAX_LOG_SCAN} sequences with fewer than `limit` lines
   * found and older lines left: ask again with `before: next` to search further.
   */
  readonly scanStoppedEarly: boolean;
}

const rank = (level: LogLevel): number => LOG_LEVELS.indexOf(level);

/** The filter of a query on a kept line (the service is filtered by subject). */
function matcher(query: LogsQuery): (m: KeptMessage<LogRecord>) => boolean {
  const minRank = query.level === undefined ? 0 : rank(query.level);
  const text = query.text?.toLowerCase();
  return ({ data: { data } }) =>
    rank(data.level) >= minRank &&
    (query.positionId === undefined || data.fields['positionId'] === query.positionId) &&
    (text === undefined || data.message.toLowerCase().includes(text));
}

/** Reads one page of log history from the LOGS stream (declared as `stream`). */
export async function readLogPage(
  bus: Bus,
  stream: StreamSpec,
  query: LogsQuery,
): Promise<LogPage> {
  const limit = query.limit ?? DEFAULT_LOG_PAGE;
  const read = await bus.readStream(stream, LogRecord, {
    subject: subjects.log(query.service ?? '*', '*').subject,
    match: matcher(query),
    limit,
    maxScan: MAX_LOG_SCAN,
    ...(query.before !== undefined ? { before: query.before } : {}),
  });
  return {
    lines: read.messages.map((m) => ({ seq: m.sequence, ...logLineView(m.data) })),
    next: read.next ?? null,
    scanned: read.scanned,
    scanStoppedEarly: read.next !== undefined && read.messages.length < limit,
  };
}
