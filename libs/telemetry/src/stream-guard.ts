/**
 * Writing to stdout/stderr must never end a process: when the reader of a pipe is gone
 * (`npm start | tee log` with tee ended: EPIPE) or the terminal closed (EIO), Node reports the
 * failure as an `error` event on the stream, which ends the process when nobody listens. A
 * guarded output listens, stops writing at the first failure and says so once (ADR 0033).
 */

/** The error codes of an output whose other end is gone. */
export const GONE_CODES: ReadonlySet<string> = new Set([
  'EPIPE',
  'EIO',
  'ECONNRESET',
  'EBADF',
  'ERR_STREAM_DESTROYED',
  'ERR_STREAM_WRITE_AFTER_END',
]);

/** An output that turns itself off when its stream fails. */
export interface GuardedOutput {
  /** Writes unless the stream is gone; never throws, never emits. */
  write(text: string): void;
  /** Why the output is off (an error code, or a reason given to `disable`), else undefined. */
  readonly gone: string | undefined;
  /** Turns the output off (a hung-up terminal). */
  disable(reason: string): void;
  /** Calls `listener` once when the output turns off (at once if it is off already). */
  onGone(listener: (reason: string) => void): void;
  /** True when the stream is a terminal. */
  readonly isTTY: boolean;
}

const codeOf = (e: unknown): string =>
  typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string'
    ? (e as { code: string }).code
    : e instanceof Error
      ? e.name
      : String(e);

const tell = (listener: (reason: string) => void, reason: string) => {
  try {
    listener(reason);
  } catch {
    // reporting must not fail the writer
  }
};

/**
 * Guards `stream`: its `error` events are taken (the first one turns the output off and is
 * told to the `onGone` listeners once, as is a `disable`), and writes after that are dropped.
 */
export function guardOutput(stream: NodeJS.WritableStream & { isTTY?: boolean }): GuardedOutput {
  let gone: string | undefined;
  const listeners: Array<(reason: string) => void> = [];
  const off = (reason: string) => {
    if (gone !== undefined) return;
    gone = reason;
    for (const l of listeners.splice(0)) tell(l, reason);
  };
  stream.on('error', (e: unknown) => off(codeOf(e)));
  return {
    write(text) {
      if (gone !== undefined) return;
      try {
        stream.write(text);
      } catch (e) {
        off(codeOf(e));
      }
    },
    get gone() {
      return gone;
    },
    disable: off,
    onGone(listener) {
      if (gone !== undefined) tell(listener, gone);
      else listeners.push(listener);
    },
    isTTY: stream.isTTY === true,
  };
}

let stdout: GuardedOutput | undefined;
let stderr: GuardedOutput | undefined;
/** The process's stdout, guarded (one guard per process). */
export const guardedStdout = (): GuardedOutput => (stdout ??= guardOutput(process.stdout));
/** The process's stderr, guarded (one guard per process). */
export const guardedStderr = (): GuardedOutput => (stderr ??= guardOutput(process.stderr));
