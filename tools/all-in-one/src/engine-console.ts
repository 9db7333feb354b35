import { guardedStderr, guardedStdout, type GuardedOutput, type Logger } from '@hoga/telemetry';

/**
 * The engine's terminal output (banner, live view, stop messages): stdout and stderr guarded so
 * that a pipe whose reader is gone (EPIPE) or a closed terminal (EIO, SIGHUP) turns the console
 * off instead of ending the engine; the file log says so and keeps going (ADR 0033).
 */
export interface EngineConsole {
  readonly out: GuardedOutput;
  readonly err: GuardedOutput;
  /** A line on stdout, also in the file log once it is attached. */
  note(line: string): void;
  /** The file log: what happened to the console before and after is logged there. */
  attach(logger: Logger): void;
  /** The terminal hung up: terminal outputs go off (a pipe or a file is left to its own fate). */
  hangUp(pid: number): void;
}

export function openEngineConsole(
  out: GuardedOutput = guardedStdout(),
  err: GuardedOutput = guardedStderr(),
): EngineConsole {
  let logger: Logger | undefined;
  const pending: Array<(l: Logger) => void> = [];
  const log = (entry: (l: Logger) => void) => (logger ? entry(logger) : pending.push(entry));
  for (const [name, output] of [
    ['stdout', out],
    ['stderr', err],
  ] as const)
    output.onGone((reason) =>
      log((l) =>
        l.warn(`${name} is gone (${reason}): console output off, the engine keeps running`, {
          stream: name,
          reason,
        }),
      ),
    );
  return {
    out,
    err,
    note(line) {
      out.write(`${line}\n`);
      log((l) => l.info(line.trim()));
    },
    attach(l) {
      logger = l;
      for (const entry of pending.splice(0)) entry(l);
    },
    hangUp(pid) {
      log((l) =>
        l.warn(`SIGHUP: the terminal hung up; trading continues (stop it with kill -INT ${pid})`, {
          signal: 'SIGHUP',
        }),
      );
      if (out.isTTY) out.disable('SIGHUP');
      if (err.isTTY) err.disable('SIGHUP');
    },
  };
}
