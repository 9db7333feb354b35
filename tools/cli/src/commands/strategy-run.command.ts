import { encodeStrategySpec, parseStrategyFile, type StrategyFileFormat } from '@hoga/position';
import * as E from 'fp-ts/lib/Either.js';
import { readFile } from 'node:fs/promises';
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

/** `hoga strategy run FILE`: validates the file here, then asks position-actor to run it. */
export const strategyRunCommand: Command = {
  words: ['strategy', 'run'],
  synopsis: 'strategy run FILE [--reason TEXT]',
  summary: 'validate a JSON/YAML strategy and start it',
  async run({ operands, options, cwd, connect, out }) {
    const [file, ...extra] = operands;
    if (file === undefined || extra.length > 0) throw usageError('usage: hoga strategy run FILE');
    const path = resolve(cwd, file);
    const text = await readFile(path, 'utf8').catch((error: unknown) => {
      throw usageError(`cannot read ${file}: ${(error as Error).message}`);
    });
    const spec = parseStrategyFile(text, formatOf(file));
    if (E.isLeft(spec)) {
      const lines = spec.left.issues.map(
        (i) =>
          `  ${i.path || '(file)'}: ${i.reason}${i.line === undefined ? '' : ` (line ${i.line})`}`,
      );
      throw new CliError(ExitCode.failed, [`invalid strategy ${file}:`, ...lines].join('\n'));
    }
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
