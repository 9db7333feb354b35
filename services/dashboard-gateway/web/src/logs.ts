/**
 * The system log for the log viewer: history from `GET /api/logs` (newest first, paged with
 * `before`), live lines from the `logs/<service>` channels, the same filters applied to both.
 */
export const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type Level = (typeof LEVELS)[number];

/** hoga's services (their log channels are followed even before one says anything). */
export const SERVICES = [
  'market-feed',
  'position-actor',
  'order-executor',
  'risk-guard',
  'notifier',
  'dashboard-gateway',
] as const;

export interface LogLine {
  readonly id: string;
  readonly time: string;
  readonly service: string;
  readonly level: Level;
  readonly message: string;
  readonly traceId: string | null;
  readonly fields: Readonly<Record<string, unknown>>;
  /** A live notice: this many lines of `service` were not sent live (the history has them). */
  readonly skipped?: number;
}

export interface LogFilter {
  readonly level: Level | '';
  readonly service: string;
  readonly text: string;
}

const isObj = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null;
const isLevel = (u: unknown): u is Level => LEVELS.includes(u as Level);

/** A line of the history or of a live channel, or undefined when it has another shape. */
export function logLineOf(u: unknown, key: string, service: string): LogLine | undefined {
  if (!isObj(u)) return undefined;
  if (typeof u['skipped'] === 'number' && typeof u['until'] === 'string')
    return {
      id: key,
      time: u['until'],
      service,
      level: 'warn',
      message: '',
      traceId: null,
      fields: {},
      skipped: u['skipped'],
    };
  if (
    typeof u['id'] !== 'string' ||
    typeof u['time'] !== 'string' ||
    typeof u['service'] !== 'string' ||
    !isLevel(u['level']) ||
    typeof u['message'] !== 'string'
  )
    return undefined;
  return {
    id: u['id'],
    time: u['time'],
    service: u['service'],
    level: u['level'],
    message: u['message'],
    traceId: typeof u['traceId'] === 'string' ? u['traceId'] : null,
    fields: isObj(u['fields']) ? u['fields'] : {},
  };
}

/** Whether a line passes the filter (as the gateway filters the history). */
export function passes(line: LogLine, f: LogFilter): boolean {
  if (f.service !== '' && line.service !== f.service) return false;
  if (line.skipped !== undefined) return true;
  if (f.level !== '' && LEVELS.indexOf(line.level) < LEVELS.indexOf(f.level)) return false;
  return f.text === '' || line.message.toLowerCase().includes(f.text.toLowerCase());
}

/** The position a line names (its `positionId` field), if any. */
export function positionOf(line: LogLine): string | undefined {
  const id = line.fields['positionId'];
  return typeof id === 'string' && id !== '' ? id : undefined;
}

export interface LogPage {
  readonly lines: readonly LogLine[];
  readonly next: number | null;
}

/** One page of history, newest first: `before` is the previous page's `next`. */
export async function fetchLogs(
  f: LogFilter,
  before: number | null,
  limit: number,
): Promise<LogPage> {
  const q = new URLSearchParams({ limit: String(limit) });
  if (f.level !== '') q.set('level', f.level);
  if (f.service !== '') q.set('service', f.service);
  if (f.text.trim() !== '') q.set('text', f.text.trim().slice(0, 200));
  if (before !== null) q.set('before', String(before));
  const response = await fetch(`/api/logs?${q.toString()}`, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`GET /api/logs: ${String(response.status)}`);
  const body = (await response.json()) as { lines?: unknown; next?: unknown };
  const lines = Array.isArray(body.lines)
    ? body.lines.flatMap((l) => {
        const line = logLineOf(l, '', '');
        return line === undefined ? [] : [line];
      })
    : [];
  return { lines, next: typeof body.next === 'number' ? body.next : null };
}

const newestFirst = (a: LogLine, b: LogLine) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0);

/**
 * `lines` (newest first) with `more` merged in, each id once, at most `cap` (the oldest go).
 * Only the lines as new as the oldest of `more` are compared and sorted: a live line (newer than
 * all) costs the copy of the list, not a sort of it.
 */
export function mergeLines(
  lines: readonly LogLine[],
  more: readonly LogLine[],
  cap: number,
): LogLine[] {
  if (more.length === 0) return lines as LogLine[];
  const incoming = [...more].sort(newestFirst);
  const oldest = incoming[incoming.length - 1]!.time;
  let k = 0;
  while (k < lines.length && lines[k]!.time >= oldest) k += 1;
  const head = lines.slice(0, k);
  const seen = new Set(head.map((l) => l.id));
  const fresh = incoming.filter((l) => !seen.has(l.id) && (seen.add(l.id), true));
  if (fresh.length === 0) return lines as LogLine[];
  // a stable sort: at one time the new lines come before the held ones, as before
  const merged = [...fresh, ...head].sort(newestFirst).concat(lines.slice(k));
  return merged.length > cap ? merged.slice(0, cap) : merged;
}
