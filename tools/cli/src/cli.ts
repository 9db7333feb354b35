import { parseCliArgs } from './cli-args.js';
import { ExitCode, isCliError, usageError } from './cli-error.js';
import type { Command } from './command.js';
import { COMMANDS } from './commands/index.js';
import { locateEngine } from './engine-location.js';
import { connectOpsClient, type OpsClient } from './ops-client.js';
import { usageText } from './usage.js';

/** Where the CLI runs: its environment, directory and output streams. */
export interface CliEnvironment {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Reads a secret from stdin (`dashboard hash-password`). */
  readonly readSecret: (prompt: string) => Promise<string>;
  /** Rewrites one status line on a terminal (null clears it); absent: no progress shown. */
  readonly progress?: (text: string | null) => void;
}

const matches = (command: Command, words: readonly string[]): boolean =>
  command.words.every((w, i) => words[i] === w);

/** Runs one `hoga` command line; resolves to the exit code (never rejects for expected failures). */
export async function runCli(argv: readonly string[], io: CliEnvironment): Promise<ExitCode> {
  let client: OpsClient | undefined;
  try {
    const { words, options } = parseCliArgs(argv);
    if (options.help || words.length === 0) {
      (options.help ? io.out : io.err)(usageText(COMMANDS));
      return options.help ? ExitCode.ok : ExitCode.usage;
    }
    const command = COMMANDS.find((c) => matches(c, words));
    if (command === undefined)
      throw usageError(`unknown command: ${words.join(' ')}\n\n${usageText(COMMANDS)}`);
    await command.run({
      operands: words.slice(command.words.length),
      options,
      cwd: io.cwd,
      out: io.out,
      env: io.env,
      progress: io.progress ?? (() => undefined),
      readSecret: io.readSecret,
      connect: async () => {
        client ??= await connectOpsClient(
          await locateEngine(options, io.env, io.cwd),
          options.timeoutMs,
        );
        return client;
      },
    });
    return ExitCode.ok;
  } catch (error) {
    if (!isCliError(error)) throw error;
    io.err(`hoga: ${error.message}`);
    return error.exitCode;
  } finally {
    await client?.close();
  }
}
