import { encodeStrategySpec, parseStrategyFile, type StrategyFileFormat } from '@hoga/position';
import * as E from 'fp-ts/lib/Either.js';
import { isFileTooLargeError, readBoundedFile } from '@hoga/config';
import { capList, capText } from '@hoga/model';
import { extname, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { CliError, ExitCode, usageError } from '../cli-error.js';
import type { Command } from '../command.js';
import { issuedBy } from '../issuer.js';
import { replyJson } from '../ops-client.js';

const formatOf = (file: string): StrategyFileFormat => {
  const ext = extname(file).toLowerCase();
  return ext === '.json' ? 'json' : ext === '.yaml' || ext === '.yml' ? 'yaml' : 'auto';
};

/** The largest strategy file read by default (256 KiB; real ones are a few hundred bytes). */
export const DEFAULT_MAX_STRATEGY_BYTES = 256 * 1024;
/** The environment variable that changes it (bytes). */
export const MAX_STRATEGY_BYTES_ENV = 'HOGA_CLI_MAX_STRATEGY_BYTES';
/** Issues of an invalid file printed at most; the rest are counted. */
export const MAX_ISSUES_PRINTED = 20;

/** The cap on strategy files: {@link MAX_STRATEGY_BYTES_ENV} when a positive integer. */
function maxStrategyBytes(env: NodeJS.ProcessEnv): number {
  const raw = env[MAX_STRATEGY_BYTES_ENV];
  if (raw === undefined || raw === '') return DEFAULT_MAX_STRATEGY_BYTES;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1)
    throw usageError(
      `${MAX_STRATEGY_BYTES_ENV} must be a positive number of bytes, got ${capText(raw, 40)}`,
    );
  return n;
}

/**
 * Reads a strategy file, refusing one over the cap before reading it (a 50 MB file once took
 * 1.8 GB of memory before failing): a usage error (exit 2) that says how to raise the cap.
 */
async function readStrategyFile(file: string, path: string): Promise<string> {
  const max = maxStrategyBytes(process.env);
  return readBoundedFile(path, max).catch((error: unknown) => {
    if (isFileTooLargeError(error))
      throw usageError(
        `strategy file ${file} is ${error.bytes} bytes, over the limit of ${max} bytes (set ${MAX_STRATEGY_BYTES_ENV} to change it)`,
      );
    throw usageError(`cannot read ${file}: ${capText((error as Error).message, 300)}`);
  });
}

/** The lines of an invalid file's report: the first issues, each cut, then how many more. */
export function issueLines(
  issues: readonly { path: string; reason: string; line?: number }[],
): string[] {
  const { kept, omitted } = capList(issues, MAX_ISSUES_PRINTED);
  const lines = kept.map((i) =>
    capText(
      `  ${i.path || '(file)'}: ${i.reason}${i.line === undefined ? '' : ` (line ${i.line})`}`,
      300,
    ),
  );
  return omitted > 0 ? [...lines, `  … and ${omitted} more issues`] : lines;
}

/** `hoga strategy run FILE`: validates the file here, then asks position-actor to run it. */
export const strategyRunCommand: Command = {
  words: ['strategy', 'run'],
  synopsis: 'strategy run FILE [--reason TEXT]',
  summary: 'validate a JSON/YAML strategy and start it',
  async run({ operands, options, cwd, connect, out }) {
    const [file, ...extra] = operands;
    if (file === undefined || extra.length > 0) throw usageError('usage: hoga strategy run FILE');
    const path = resolve(cwd, file);
    const text = await readStrategyFile(file, path);
    const spec = parseStrategyFile(text, formatOf(file));
    if (E.isLeft(spec))
      throw new CliError(
        ExitCode.failed,
        [`invalid strategy ${file}:`, ...issueLines(spec.left.issues)].join('\n'),
      );
    const client = await connect();
    const reply = await client.call('position-actor', 'run', {
      strategy: encodeStrategySpec(spec.right),
      commandId: randomUUID(),
      issuedBy: issuedBy(options.as),
      reason: options.reason ?? null,
    });
    out(
      options.json
        ? replyJson('position-actor', 'run', reply)
        : `started strategy ${reply.strategyId}: position ${reply.positionId}`,
    );
  },
};
