import * as t from 'io-ts';
import { HistoryInterval, IsoDateTime, MAX_HISTORY_COUNT, PositionStatus } from '@hoga/contracts';
import { Market, PositionId } from '@hoga/model';
import { TimelineKind } from './timeline-entry.js';

/** An integer from a query string (`"50"`), in `min..max`. */
const intInRange = (min: number, max: number) =>
  new t.Type<number, string, unknown>(
    `Integer(${String(min)}..${String(max)})`,
    (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max,
    (u, c) => {
      if (typeof u !== 'string' || !/^\d{1,6}$/.test(u)) return t.failure(u, c);
      const n = Number(u);
      return n >= min && n <= max ? t.success(n) : t.failure(u, c);
    },
    String,
  );

const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(10000, 0, 1);

/** An ISO-8601 instant (with a zone) from 1970 to 9999, as a `Date`. */
export const QueryTime = new t.Type<Date, string, unknown>(
  'IsoDateTime(1970..9999)',
  (u): u is Date => u instanceof Date,
  (u, c) => {
    if (IsoDateTime.validate(u, c)._tag === 'Left') return t.failure(u, c);
    const ms = Date.parse(u as string);
    return ms >= EARLIEST && ms < LATEST ? t.success(new Date(ms)) : t.failure(u, c);
  },
  (d) => d.toISOString(),
);

/** A time key as the read model writes it: UTC, microseconds (`2026-11-23T10:00:00.000000Z`). */
const isTimeKey = (u: unknown): u is string =>
  typeof u === 'string' &&
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(u) &&
  QueryTime.validate(u, [])._tag === 'Right';

/**
 * An opaque paging cursor: base64url of a JSON pair (an exact UTC time key and a tie-breaker).
 * Only what a reply's `nextCursor` holds decodes.
 */
export const cursorCodec = <K extends t.Mixed>(name: string, tieBreaker: K) => {
  const Pair = t.tuple([t.string, tieBreaker]);
  return new t.Type<[string, t.TypeOf<K>], string, unknown>(
    name,
    (u): u is [string, t.TypeOf<K>] => Pair.is(u),
    (u, c) => {
      if (typeof u !== 'string' || !/^[A-Za-z0-9_-]{1,400}$/.test(u)) return t.failure(u, c);
      let json: unknown;
      try {
        json = JSON.parse(Buffer.from(u, 'base64url').toString('utf8'));
      } catch {
        return t.failure(u, c);
      }
      return Pair.is(json) && isTimeKey(json[0]) ? t.success(json) : t.failure(u, c);
    },
    (pair) => Buffer.from(JSON.stringify(pair), 'utf8').toString('base64url'),
  );
};

/** Where the next page of positions starts: after (opened at, position id). */
export const PositionCursor = cursorCodec('PositionCursor', PositionId);
export type PositionCursor = t.TypeOf<typeof PositionCursor>;
/** Where the next page of the timeline starts: after (at, sequence). */
export const TimelineCursor = cursorCodec(
  'TimelineCursor',
  t.refinement(t.number, (n) => Number.isSafeInteger(n) && n > 0, 'Sequence'),
);
export type TimelineCursor = t.TypeOf<typeof TimelineCursor>;

/** A status, or `open`: every status but `closed`. */
export const StatusFilter = t.union([PositionStatus, t.literal('open')], 'StatusFilter');
export type StatusFilter = t.TypeOf<typeof StatusFilter>;

/** At most this many items per page. */
export const MAX_PAGE = 500;
export const DEFAULT_PAGE = 50;
const PageLimit = intInRange(1, MAX_PAGE);

/** `GET /api/positions`: newest opened first; `from`/`to` bound the opening time. */
export const PositionsQuery = t.exact(
  t.partial({
    status: StatusFilter,
    market: Market,
    from: QueryTime,
    to: QueryTime,
    limit: PageLimit,
    cursor: PositionCursor,
  }),
  'PositionsQuery',
);
export type PositionsQuery = t.TypeOf<typeof PositionsQuery>;

/** `/api/positions/:id...` */
export const PositionParams = t.exact(t.type({ id: PositionId }), 'PositionParams');

/** `GET /api/markets/:market/candles` */
export const CandlesParams = t.exact(t.type({ market: Market }), 'CandlesParams');
export const CandlesQuery = t.exact(
  t.intersection([
    t.type({ interval: HistoryInterval }),
    t.partial({ count: intInRange(1, MAX_HISTORY_COUNT) }),
  ]),
  'CandlesQuery',
);

/** `GET /api/timeline`: oldest first in `[from, to)`; `kind` keeps one kind. */
export const TimelineQuery = t.exact(
  t.partial({
    from: QueryTime,
    to: QueryTime,
    kind: TimelineKind,
    limit: PageLimit,
    cursor: TimelineCursor,
  }),
  'TimelineQuery',
);
export type TimelineQuery = t.TypeOf<typeof TimelineQuery>;
