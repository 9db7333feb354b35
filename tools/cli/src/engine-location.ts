import { CliError, ExitCode } from './cli-error.js';
import { cliConnectionEnv, setValue } from './connection-env.js';
import { redactUrl } from './database-location.js';
import { findRuntimeFile, RUNTIME_FILE } from './runtime-file.js';

/** Where the engine's bus is, and where that was learnt (for error messages). */
export interface EngineLocation {
  readonly natsUrl: string;
  readonly namespace: string;
  /** `--nats`, `HOGA_NATS__URL`, `NATS_URL` or the runtime file's path. */
  readonly source: string;
}

const HOW_TO_START =
  'Start the engine with `npm start` (it writes .hoga/runtime.json), or pass --nats URL ' +
  '(or set HOGA_NATS__URL, as the services read it) to reach a distributed engine.';

/**
 * The engine: `--nats`, else `HOGA_NATS__URL` (the services' variable), else `NATS_URL`, else
 * `.hoga/runtime.json` here or in a parent. The namespace: `--namespace`, else
 * `HOGA_NATS__NAMESPACE`, else the runtime file's (when the URL came from it), else none.
 */
export async function locateEngine(
  flags: { readonly nats: string | undefined; readonly namespace: string | undefined },
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<EngineLocation> {
  const { nats } = cliConnectionEnv(env, [
    ...(flags.nats === undefined ? ['HOGA_NATS__URL'] : []),
    ...(flags.namespace === undefined ? ['HOGA_NATS__NAMESPACE'] : []),
  ]);
  const namespace = flags.namespace ?? nats?.namespace;
  if (flags.nats !== undefined)
    return { natsUrl: flags.nats, namespace: namespace ?? '', source: '--nats' };
  if (nats?.url !== undefined)
    return { natsUrl: nats.url, namespace: namespace ?? '', source: 'HOGA_NATS__URL' };
  const fromEnv = setValue(env, 'NATS_URL');
  if (fromEnv !== undefined)
    return { natsUrl: fromEnv, namespace: namespace ?? '', source: 'NATS_URL' };
  let found;
  try {
    found = await findRuntimeFile(cwd);
  } catch (error) {
    throw new CliError(ExitCode.unreachable, `${(error as Error).message}\n${HOW_TO_START}`);
  }
  if (found === undefined)
    throw new CliError(
      ExitCode.unreachable,
      `no engine found: no --nats, no HOGA_NATS__URL, no NATS_URL and no ${RUNTIME_FILE} here or above.\n${HOW_TO_START}`,
    );
  if (found.runtime.natsUrl === null)
    throw new CliError(
      ExitCode.unreachable,
      `the engine of ${found.path} runs on the in-process bus, which the CLI cannot reach.\n` +
        'Install nats-server and restart the engine, so that it runs one.',
    );
  return {
    natsUrl: found.runtime.natsUrl,
    namespace: namespace ?? found.runtime.namespace,
    source: found.path,
  };
}

/** The message for an engine that does not answer at its location. */
export const unreachableMessage = (where: EngineLocation, why: string): string =>
  `cannot reach the engine at ${redactUrl(where.natsUrl)} (from ${where.source}): ${why}\n${HOW_TO_START}`;
