import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { DecodeError, decodeWith } from '@hoga/model';
import { UpbitDecodeError, type UpbitError } from '../errors/upbit.errors.js';
import { UpbitWsServerError } from '../errors/ws.errors.js';
import { fromSimple, isSimpleFrame } from './simple-format.js';

/** Raw frame data as `ws` delivers it (binary frames as Buffer; text too). */
export type RawFrame = Buffer | ArrayBuffer | Buffer[] | string;

/** Picks the codec for a frame `type`, or undefined when this stream does not carry it. */
export type CodecFor<M> = (type: string) => t.Decoder<unknown, M> | undefined;

/** What one frame held: decoded messages, problems (reported, then dropped), and keep-alive status. */
export interface DecodedFrame<M> {
  readonly messages: M[];
  readonly issues: UpbitError[];
}

/**
 * Decodes one frame: UTF-8 JSON (binary or text), an object or a list (JSON_LIST formats),
 * SIMPLE keys renamed to DEFAULT, each element decoded by the codec of its `type`. Error frames
 * become {@link UpbitWsServerError}; `{"status":"UP"}` is a keep-alive and yields nothing.
 * Never throws.
 */
export function decodeFrame<M>(raw: RawFrame, codecFor: CodecFor<M>): DecodedFrame<M> {
  const result: DecodedFrame<M> = { messages: [], issues: [] };
  let json: unknown;
  try {
    json = JSON.parse(toText(raw));
  } catch (cause) {
    result.issues.push(new UpbitDecodeError('WebSocket frame', cause as SyntaxError));
    return result;
  }
  for (const item of Array.isArray(json) ? (json as unknown[]) : [json])
    decodeItem(item, codecFor, result);
  return result;
}

function decodeItem<M>(item: unknown, codecFor: CodecFor<M>, out: DecodedFrame<M>): void {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    out.issues.push(frameError('(root)', 'an object', item));
    return;
  }
  const obj = item as Record<string, unknown>;
  if ('error' in obj) {
    const err = (obj.error ?? {}) as { name?: unknown; message?: unknown };
    out.issues.push(new UpbitWsServerError(text(err.name, 'unknown'), text(err.message, '')));
    return;
  }
  if ('status' in obj && !('type' in obj) && !('ty' in obj)) return;
  const frame = isSimpleFrame(obj) ? fromSimple(obj) : obj;
  const type = frame.type;
  const codec = typeof type === 'string' ? codecFor(type) : undefined;
  if (codec === undefined) {
    out.issues.push(frameError('type', 'a message type of this stream', type));
    return;
  }
  const decoded = decodeWith(codec as t.Type<M, unknown, unknown>, frame);
  if (E.isRight(decoded)) out.messages.push(decoded.right);
  else out.issues.push(new UpbitDecodeError(`WebSocket ${String(type)} frame`, decoded.left));
}

const text = (v: unknown, fallback: string): string =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : fallback;

function frameError(path: string, expected: string, value: unknown): UpbitDecodeError {
  const received =
    typeof value === 'string' && value.length <= 24
      ? JSON.stringify(value)
      : value === null
        ? 'null'
        : typeof value;
  return new UpbitDecodeError(
    'WebSocket frame',
    new DecodeError('WsFrame', [{ path, expected, received }]),
  );
}

function toText(raw: RawFrame): string {
  if (typeof raw === 'string') return raw;
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  if (raw instanceof ArrayBuffer) return Buffer.from(raw).toString('utf8');
  return raw.toString('utf8');
}
