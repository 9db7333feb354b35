/** The exit codes of `hoga`. */
export const ExitCode = {
  ok: 0,
  /** The command failed: an error reply, or an invalid strategy file. */
  failed: 1,
  /** The command line is wrong. */
  usage: 2,
  /** The engine (or the service asked) cannot be reached. */
  unreachable: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A failure the CLI reports on stderr and exits with. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
export const isCliError = (e: unknown): e is CliError => e instanceof CliError;

/** A usage error (exit 2). */
export const usageError = (message: string): CliError => new CliError(ExitCode.usage, message);
