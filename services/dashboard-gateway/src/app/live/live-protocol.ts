/**
 * The live WebSocket's messages (`GET /api/live`), documented in the README's "Live channels".
 * Client -> server messages are decoded with io-ts; server -> client frames are typed here.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { ChannelKind } from './live-channels.js';

const bounded = (max: number) =>
  new t.Type<string, string, unknown>(
    `string(1..${String(max)})`,
    (u): u is string => typeof u === 'string',
    (u, c) =>
      typeof u === 'string' && u.length >= 1 && u.length <= max ? t.success(u) : t.failure(u, c),
    t.identity,
  );
const Seq = new t.Type<number, number, unknown>(
  'Seq',
  (u): u is number => typeof u === 'number',
  (u, c) =>
    typeof u === 'number' && Number.isSafeInteger(u) && u >= 0 ? t.success(u) : t.failure(u, c),
  t.identity,
);
const exact = <R extends t.Props, O extends t.Props>(name: string, required: R, optional: O) =>
  t.exact(t.intersection([t.type(required), t.partial(optional)]), name);

/**
 * `{op:'sub', ch, fromSeq?, epoch?}`: subscribe to a channel. With `fromSeq` and the `epoch` of
 * this gateway run (from `hello`), the deltas after `fromSeq` are replayed when still kept;
 * otherwise (or without them) a snapshot comes first.
 */
export const SubscribeMessage = exact(
  'SubscribeMessage',
  { op: t.literal('sub'), ch: bounded(200) },
  { fromSeq: Seq, epoch: bounded(64) },
);
/** `{op:'unsub', ch}`: stop a channel's deltas. */
export const UnsubscribeMessage = exact(
  'UnsubscribeMessage',
  { op: t.literal('unsub'), ch: bounded(200) },
  {},
);
/** `{op:'ping'}`: the server answers `{type:'pong', seq}` (a browser cannot see ws pings). */
export const PingMessage = exact('PingMessage', { op: t.literal('ping') }, {});

/**
 * `GET /api/live?pack=1`: the socket's frames go out packed, each text message a frame or a JSON
 * array of the frames of one send round (a page parses and wakes once per round).
 */
export const LiveQuery = t.exact(
  t.partial({ pack: t.union([t.literal('0'), t.literal('1')]) }),
  'LiveQuery',
);
export type LiveQuery = t.TypeOf<typeof LiveQuery>;

/** Every client message. */
export const ClientMessage = t.union([SubscribeMessage, UnsubscribeMessage, PingMessage]);
export type ClientMessage = t.TypeOf<typeof ClientMessage>;

const FIELDS: Readonly<Record<ClientMessage['op'], readonly string[]>> = {
  sub: ['op', 'ch', 'fromSeq', 'epoch'],
  unsub: ['op', 'ch'],
  ping: ['op'],
};

/**
 * Decodes a client message; a field the message does not have is refused too (the protocol is
 * closed: a client that sends `fromseq` learns it at once instead of silently getting a snapshot).
 */
export function decodeClientMessage(json: unknown): E.Either<string, ClientMessage> {
  const decoded = ClientMessage.decode(json);
  if (E.isLeft(decoded)) return E.left(describe(decoded.left));
  const allowed = FIELDS[decoded.right.op];
  const unknown = Object.keys(json as object).filter((k) => !allowed.includes(k));
  return unknown.length === 0
    ? decoded
    : E.left(`unknown field ${JSON.stringify(unknown[0]!.slice(0, 40))}`);
}

const describe = (errors: t.Errors): string => {
  const paths = errors.slice(0, 3).map((e) =>
    e.context
      .map((c) => c.key)
      .filter((k) => k !== '' && !/^\d+$/.test(k))
      .join('.'),
  );
  const named = [...new Set(paths.filter((p) => p !== ''))];
  return named.length === 0 ? 'not a client message' : `bad ${named.join(', ')}`;
};

/** Why a client message was refused (`{type:'error', code, message}`); nothing changed. */
export type LiveErrorCode =
  'bad-frame' | 'unknown-channel' | 'not-subscribed' | 'too-many-subscriptions';

/** Why a channel's snapshot is sent again. */
export type ResyncReason = 'epoch' | 'too-old' | 'overflow';

/** Server -> client frames (besides the pre-serialized deltas, `type: 'delta'`). */
export type ServerFrame =
  | {
      readonly type: 'hello';
      readonly epoch: string;
      readonly seq: number;
      readonly heartbeatMs: number;
    }
  | {
      readonly type: 'snapshot';
      readonly ch: string;
      readonly kind: ChannelKind;
      readonly seq: number;
      readonly entries: readonly {
        readonly key: string;
        readonly seq: number;
        readonly data: unknown;
      }[];
    }
  | {
      readonly type: 'resumed';
      readonly ch: string;
      readonly fromSeq: number;
      readonly seq: number;
    }
  | { readonly type: 'resync'; readonly ch: string; readonly reason: ResyncReason }
  | { readonly type: 'unsubscribed'; readonly ch: string }
  | { readonly type: 'heartbeat'; readonly seq: number; readonly at: string }
  | { readonly type: 'pong'; readonly seq: number }
  | {
      readonly type: 'error';
      readonly code: LiveErrorCode;
      readonly message: string;
      readonly ch?: string;
    };

/** The close code and reason of a client dropped for being too slow. */
export const TOO_SLOW = { code: 4008, reason: 'too slow' } as const;
/** The close code of a client whose session ended (logout, expiry). */
export const SESSION_ENDED = { code: 4001, reason: 'session ended' } as const;
