import * as E from 'fp-ts/lib/Either.js';

/** Upbit WebSocket error names. */
export type WsErrorName =
  'INVALID_AUTH' | 'WRONG_FORMAT' | 'NO_TICKET' | 'NO_TYPE' | 'NO_CODES' | 'INVALID_PARAM';

/** A WebSocket error frame's content. */
export interface WsError {
  readonly name: WsErrorName;
  readonly message: string;
}

/** Frame formats: DEFAULT keys, SIMPLE short keys, and their list forms. */
export type WsFormat = 'DEFAULT' | 'SIMPLE' | 'JSON_LIST' | 'SIMPLE_LIST';

/** One `{type, codes, ...}` entry of a request. `level` is the orderbook unit count from `CODE.N`. */
export interface TypeRequest {
  readonly type: string;
  readonly codes: readonly string[];
  readonly counts: Readonly<Record<string, number>>;
  readonly onlySnapshot: boolean;
  readonly onlyRealtime: boolean;
}

/** A whole subscription request: it replaces the connection's previous one. */
export interface WsRequest {
  readonly ticket: string;
  readonly types: readonly TypeRequest[];
  readonly format: WsFormat;
}

/** Candle stream types. */
export const CANDLE_TYPES = [
  'candle.1s',
  'candle.1m',
  'candle.3m',
  'candle.5m',
  'candle.10m',
  'candle.15m',
  'candle.30m',
  'candle.60m',
  'candle.240m',
];
/** Types any connection may subscribe to. */
export const PUBLIC_TYPES = ['ticker', 'trade', 'orderbook', ...CANDLE_TYPES];
/** Types only the private endpoint serves. */
export const PRIVATE_TYPES = ['myOrder', 'myAsset'];
const FORMATS: readonly WsFormat[] = ['DEFAULT', 'SIMPLE', 'JSON_LIST', 'SIMPLE_LIST'];
const ORDERBOOK_COUNTS = [1, 5, 15, 30];

const err = (name: WsErrorName, message: string): E.Either<WsError, never> =>
  E.left({ name, message });
const flag = (o: Record<string, unknown>, snake: string, camel: string): boolean =>
  o[snake] === true || o[camel] === true;

function parseType(o: Record<string, unknown>): E.Either<WsError, TypeRequest> {
  const type = o['type'];
  if (typeof type !== 'string' || ![...PUBLIC_TYPES, ...PRIVATE_TYPES].includes(type))
    return err('INVALID_PARAM', `unknown type ${String(type)}`);
  const raw = o['codes'];
  if (raw !== undefined && (!Array.isArray(raw) || raw.some((c) => typeof c !== 'string')))
    return err('WRONG_FORMAT', 'codes must be a list of strings');
  const given = (raw ?? []) as string[];
  if (PUBLIC_TYPES.includes(type) && given.length === 0)
    return err('NO_CODES', `${type} needs codes`);
  const counts: Record<string, number> = {};
  const codes = given.map((c) => {
    const [code, n] = c.split('.') as [string, string | undefined];
    if (type === 'orderbook' && n !== undefined)
      counts[code] = ORDERBOOK_COUNTS.includes(Number(n)) ? Number(n) : 30;
    return code;
  });
  return E.right({
    type,
    codes,
    counts,
    onlySnapshot: flag(o, 'is_only_snapshot', 'isOnlySnapshot'),
    onlyRealtime: flag(o, 'is_only_realtime', 'isOnlyRealtime'),
  });
}

/** Parses a request: `[{"ticket":...}, {"type":...,"codes":[...]}, ..., {"format":...}]`. */
export function parseWsRequest(text: string): E.Either<WsError, WsRequest> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return err('WRONG_FORMAT', 'request is not JSON');
  }
  if (
    !Array.isArray(value) ||
    value.some((v) => v === null || typeof v !== 'object' || Array.isArray(v))
  ) {
    return err('WRONG_FORMAT', 'request must be a JSON array of objects');
  }
  const items = value as Record<string, unknown>[];
  const ticket = items.find((o) => 'ticket' in o)?.['ticket'];
  if (typeof ticket !== 'string' || ticket === '')
    return err('NO_TICKET', 'a {"ticket": "..."} object is required');
  const typeItems = items.filter((o) => 'type' in o);
  if (typeItems.length === 0)
    return err('NO_TYPE', 'at least one {"type": ...} object is required');
  const types: TypeRequest[] = [];
  for (const item of typeItems) {
    const t = parseType(item);
    if (E.isLeft(t)) return t;
    types.push(t.right);
  }
  const format = items.find((o) => 'format' in o)?.['format'] ?? 'DEFAULT';
  if (!FORMATS.includes(format as WsFormat))
    return err('INVALID_PARAM', `unknown format ${JSON.stringify(format)}`);
  return E.right({ ticket, types, format: format as WsFormat });
}
