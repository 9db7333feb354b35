import type { Logger } from '@hoga/telemetry';
import type { FaroPayload } from './faro-payload.codec.js';
import { frameText, MAX_FRAMES, type FaroFrame, type SourceMaps } from './source-maps.js';

type Exception = NonNullable<FaroPayload['exceptions']>[number];

/** Exceptions of one payload logged at most (the rest counted in the last line's `more`). */
const LOGGED_PER_PAYLOAD = 5;
/** Frames named in a log line. */
const LOGGED_FRAMES = 10;
/** Characters of an error's message in a log line. */
const MESSAGE_CHARS = 500;

const isObj = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null;
const text = (u: unknown, otherwise: string): string => (typeof u === 'string' ? u : otherwise);

/** The exception's frames (`stacktrace.frames`), when it has them. */
const framesOf = (e: Exception): readonly unknown[] | undefined => {
  const stack = e['stacktrace'];
  return isObj(stack) && Array.isArray(stack['frames']) ? stack['frames'] : undefined;
};

/**
 * The payload with every exception's stack frames resolved by the build's source maps (a frame of
 * the page's own chunks names its original file, line and column; the others are kept).
 */
export async function resolvePageErrors(
  payload: FaroPayload,
  maps: SourceMaps,
): Promise<FaroPayload> {
  if (payload.exceptions === undefined || payload.exceptions.length === 0) return payload;
  const exceptions = await Promise.all(
    payload.exceptions.map(async (e) => {
      const frames = framesOf(e);
      if (frames === undefined) return e;
      const resolved = await Promise.all(
        frames.map((f, i) =>
          isObj(f) && i < MAX_FRAMES ? maps.frame(f as FaroFrame) : Promise.resolve(f),
        ),
      );
      return { ...e, stacktrace: { ...(e['stacktrace'] as object), frames: resolved } };
    }),
  );
  return { ...payload, exceptions };
}

/**
 * Logs the page's errors of a (resolved) payload at `warn`: `page error` with the error, where
 * it was thrown (`at`: the first frame in the page's own sources, else the first) and the first
 * frames; at most {@link LOGGED_PER_PAYLOAD} per payload.
 */
export function logPageErrors(
  logger: Logger,
  payload: FaroPayload,
  context: Readonly<Record<string, string>>,
): void {
  const exceptions = payload.exceptions ?? [];
  exceptions.slice(0, LOGGED_PER_PAYLOAD).forEach((e, i) => {
    const frames = (framesOf(e) ?? []).filter(isObj) as FaroFrame[];
    const own = frames.find((f) => typeof f.filename === 'string' && f.filename.startsWith('src/'));
    const first = own ?? frames[0];
    const more = i === LOGGED_PER_PAYLOAD - 1 ? exceptions.length - LOGGED_PER_PAYLOAD : 0;
    logger.warn('page error', {
      ...context,
      error: `${text(e['type'], 'Error')}: ${text(e['value'], '')}`.slice(0, MESSAGE_CHARS),
      at: first === undefined ? null : frameText(first),
      stack: frames.slice(0, LOGGED_FRAMES).map(frameText),
      ...(more > 0 ? { more } : {}),
    });
  });
}
