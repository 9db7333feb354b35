import * as t from 'io-ts';
import { LogLevel, ServiceNameC } from '@hoga/contracts';
import { PositionId } from '@hoga/model';

/** Lines per page at most, and by default. */
export const MAX_LOG_PAGE = 500;
export const DEFAULT_LOG_PAGE = 100;
/** The longest text searched for. */
export const MAX_LOG_TEXT = 200;

/** A positive integer from a query string, at most `max`. */
const positiveInt = (name: string, max: number) =>
  new t.Type<number, string, unknown>(
    name,
    (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= 1 && u <= max,
    (u, c) => {
      if (typeof u !== 'string' || !/^[1-9]\d{0,15}$/.test(u)) return t.failure(u, c);
      const n = Number(u);
      return n <= max ? t.success(n) : t.failure(u, c);
    },
    String,
  );

/** A text to look for: 1..200 characters. */
const SearchText = new t.Type<string, string, unknown>(
  `Text(1..${String(MAX_LOG_TEXT)})`,
  (u): u is string => typeof u === 'string',
  (u, c) =>
    typeof u === 'string' && u.length >= 1 && u.length <= MAX_LOG_TEXT
      ? t.success(u)
      : t.failure(u, c),
  t.identity,
);

/**
 * `GET /api/logs`: `service` (one service), `level` (at least this severe), `positionId` (lines
 * whose `positionId` field is it), `text` (in the message, any case), `before` (a stream sequence:
 * older lines than it; a reply's `next`), `limit` (1..500, default 100).
 */
export const LogsQuery = t.exact(
  t.partial({
    service: ServiceNameC,
    level: LogLevel,
    positionId: PositionId,
    text: SearchText,
    before: positiveInt('Sequence', Number.MAX_SAFE_INTEGER),
    limit: positiveInt(`Integer(1..${String(MAX_LOG_PAGE)})`, MAX_LOG_PAGE),
  }),
  'LogsQuery',
);
export type LogsQuery = t.TypeOf<typeof LogsQuery>;
