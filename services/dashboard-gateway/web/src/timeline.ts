/**
 * The story of the day (`GET /api/timeline`) and of one position (`GET /api/positions/:id/events`
 * and its `position/<id>` channel), shape-checked before use.
 */
export const KINDS = ['command', 'entry', 'fill', 'exit', 'error', 'halt', 'risk'] as const;
export type Kind = (typeof KINDS)[number];

export interface TimelineItem {
  readonly at: string;
  readonly ms: number;
  readonly kind: Kind;
  readonly type: string;
  readonly positionId: string | null;
  readonly market: string | null;
  readonly by: string | null;
  readonly eventId: string;
  readonly version: number;
}

export interface PositionEventView {
  readonly version: number;
  readonly type: string;
  readonly at: string;
  /** The event's data as stored (a fill: `price`, `volume`, `side`...). */
  readonly data: unknown;
  readonly stateAfter: unknown;
  /** What the entry has cost after the event (funds + fees; a closed position's principal). */
  readonly investedKrwAfter: unknown;
}

const isObj = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null;
const strOrNull = (u: unknown): string | null => (typeof u === 'string' ? u : null);

export function timelineItemOf(u: unknown): TimelineItem | undefined {
  if (!isObj(u)) return undefined;
  const ms = typeof u['at'] === 'string' ? Date.parse(u['at']) : NaN;
  if (
    Number.isNaN(ms) ||
    !KINDS.includes(u['kind'] as Kind) ||
    typeof u['type'] !== 'string' ||
    typeof u['eventId'] !== 'string' ||
    typeof u['version'] !== 'number'
  )
    return undefined;
  return {
    at: u['at'] as string,
    ms,
    kind: u['kind'] as Kind,
    type: u['type'],
    positionId: strOrNull(u['positionId']),
    market: strOrNull(u['market']),
    by: strOrNull(u['by']),
    eventId: u['eventId'],
    version: u['version'],
  };
}

/** At most this many items of a day are loaded (10 pages). */
export const MAX_ITEMS = 5_000;

/** Every item in `[from, to)`, oldest first (pages followed by `nextCursor`). */
export async function fetchTimeline(from: Date, to: Date): Promise<TimelineItem[]> {
  const items: TimelineItem[] = [];
  let cursor: string | null = null;
  do {
    const q = new URLSearchParams({
      from: from.toISOString(),
      to: to.toISOString(),
      limit: '500',
    });
    if (cursor !== null) q.set('cursor', cursor);
    const response = await fetch(`/api/timeline?${q.toString()}`, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`GET /api/timeline: ${String(response.status)}`);
    const body = (await response.json()) as { items?: unknown; nextCursor?: unknown };
    for (const u of Array.isArray(body.items) ? body.items : []) {
      const item = timelineItemOf(u);
      if (item !== undefined) items.push(item);
    }
    cursor = typeof body.nextCursor === 'string' ? body.nextCursor : null;
  } while (cursor !== null && items.length < MAX_ITEMS);
  return items;
}

/** One stored event of a position with the state after it (`/events` item or channel entry). */
export function positionEventOf(u: unknown, version?: number): PositionEventView | undefined {
  if (!isObj(u) || !isObj(u['event'])) return undefined;
  const v = typeof u['version'] === 'number' ? u['version'] : version;
  const event = u['event'];
  if (v === undefined || typeof event['type'] !== 'string') return undefined;
  return {
    version: v,
    type: event['type'],
    at: typeof event['occurredAt'] === 'string' ? event['occurredAt'] : '',
    data: event['data'],
    stateAfter: u['stateAfter'],
    investedKrwAfter: u['investedKrwAfter'],
  };
}

/** A position's stored events, oldest first; null when the gateway does not know it (404). */
export async function fetchPositionEvents(positionId: string): Promise<PositionEventView[] | null> {
  const response = await fetch(`/api/positions/${encodeURIComponent(positionId)}/events`, {
    credentials: 'same-origin',
  });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`GET /api/positions/…/events: ${String(response.status)}`);
  const body = (await response.json()) as { events?: unknown };
  return (Array.isArray(body.events) ? body.events : []).flatMap((u) => {
    const e = positionEventOf(u);
    return e === undefined ? [] : [e];
  });
}

/**
 * `items` with `more` merged in (an event id once: the newer copy wins), oldest first; an equal
 * time keeps the order they came in (the store's).
 */
export function mergeItems(
  items: readonly TimelineItem[],
  more: readonly TimelineItem[],
): TimelineItem[] {
  const byId = new Map(items.map((i) => [i.eventId, i]));
  for (const i of more) byId.set(i.eventId, i);
  return [...byId.values()].sort((a, b) => a.ms - b.ms);
}

/** `events` with `more` merged in by version (a version once), oldest first. */
export function mergeEvents(
  events: readonly PositionEventView[],
  more: readonly PositionEventView[],
): PositionEventView[] {
  const byVersion = new Map(events.map((e) => [e.version, e]));
  for (const e of more) byVersion.set(e.version, e);
  return [...byVersion.values()].sort((a, b) => a.version - b.version);
}

/** The day (`YYYY-MM-DD`) containing `at` in the zone, and its bounds as instants. */
export function dayOf(at: Date, zone: 'Asia/Seoul' | 'UTC'): string {
  const shifted = new Date(at.getTime() + (zone === 'UTC' ? 0 : 9 * 3_600_000));
  return shifted.toISOString().slice(0, 10);
}
export function dayBounds(day: string, zone: 'Asia/Seoul' | 'UTC'): [Date, Date] {
  const start = Date.parse(`${day}T00:00:00${zone === 'UTC' ? 'Z' : '+09:00'}`);
  return [new Date(start), new Date(start + 86_400_000)];
}
