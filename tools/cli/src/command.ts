import type { CliOptions } from './cli-args.js';
import type { OpsClient } from './ops-client.js';

/** What a command gets: its arguments, a way to reach the engine, and where to print. */
export interface CommandContext {
  /** The words after the command's own (`pos-1` in `position close pos-1`). */
  readonly operands: readonly string[];
  readonly options: CliOptions;
  readonly cwd: string;
  /** Connects to the engine (once; closed by the CLI after the command). */
  readonly connect: () => Promise<OpsClient>;
  readonly out: (line: string) => void;
  /** The environment (`DATABASE_URL` for `audit`). */
  readonly env: NodeJS.ProcessEnv;
  /** Shows progress of a long command on a terminal (a no-op when stderr is not one). */
  readonly progress: (text: string | null) => void;
  /** Reads a secret from stdin (hidden, asked twice, on a terminal); without the line end. */
  readonly readSecret: (prompt: string) => Promise<string>;
}

/** One `hoga` command: `run` throws a `CliError` to fail. */
export interface Command {
  /** The words that select it: `['position', 'close']`. */
  readonly words: readonly string[];
  /** How to call it: `position close ID [--reason TEXT]`. */
  readonly synopsis: string;
  /** What it does, in a few words. */
  readonly summary: string;
  run(ctx: CommandContext): Promise<void>;
}
