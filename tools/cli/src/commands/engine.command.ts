import { CliError, ExitCode, usageError } from '../cli-error.js';
import type { Command } from '../command.js';
import { renderEngineUrls } from '../render/engine-urls.js';
import { findRuntimeFile, RUNTIME_FILE } from '../runtime-file.js';

const USAGE = 'usage: hoga engine urls [--json]';

/**
 * `hoga engine urls`: where the local engine (`npm start`) listens, from its `.hoga/runtime.json`
 * here or in a parent — NATS, the dashboard, `/metrics` and the health checks beside it. The
 * database URL is printed with its password hidden.
 */
export const engineUrlsCommand: Command = {
  words: ['engine', 'urls'],
  synopsis: 'engine urls [--json]',
  summary: "the local engine's NATS, dashboard, /metrics and health URLs (.hoga/runtime.json)",
  async run({ operands, options, cwd, out }) {
    if (operands.length > 0) throw usageError(USAGE);
    let found;
    try {
      found = await findRuntimeFile(cwd);
    } catch (error) {
      throw new CliError(ExitCode.failed, (error as Error).message, { cause: error });
    }
    if (found === undefined)
      throw new CliError(
        ExitCode.unreachable,
        `no ${RUNTIME_FILE} here or above: start the engine with \`npm start\` (it writes the file).`,
      );
    const lines = renderEngineUrls(found.path, found.runtime);
    if (options.json) out(JSON.stringify(lines.json));
    else for (const line of lines.text) out(line);
  },
};
