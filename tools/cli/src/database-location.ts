import { CliError, ExitCode, usageError } from './cli-error.js';
import { cliConnectionEnv, setValue } from './connection-env.js';
import { findRuntimeFile, RUNTIME_FILE } from './runtime-file.js';

/** Where hoga's database is, and where that was learnt (for messages). */
export interface DatabaseLocation {
  readonly url: string;
  /** The schema of hoga's tables, when given (`--schema`); else the connection's search_path. */
  readonly schema: string | undefined;
  /** `--database`, `HOGA_DATABASE__URL`, `DATABASE_URL` or the runtime file's path. */
  readonly source: string;
}

/** The exit code of "could not audit" (the audit's 2, the same number as a usage error). */
export const COULD_NOT_AUDIT = ExitCode.usage;

const SCHEMA = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * The database: `--database`, else `HOGA_DATABASE__URL` (the services' variable), else
 * `DATABASE_URL`, else `.hoga/runtime.json` here or above.
 */
export async function locateDatabase(
  flags: { readonly database: string | undefined; readonly schema: string | undefined },
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<DatabaseLocation> {
  if (flags.schema !== undefined && !SCHEMA.test(flags.schema))
    throw usageError(
      `--schema takes a plain schema name (letters, digits, _), got ${flags.schema}`,
    );
  const schema = flags.schema;
  if (flags.database !== undefined) return { url: flags.database, schema, source: '--database' };
  const { database } = cliConnectionEnv(env, ['HOGA_DATABASE__URL']);
  if (database?.url !== undefined)
    return { url: database.url, schema, source: 'HOGA_DATABASE__URL' };
  const fromEnv = setValue(env, 'DATABASE_URL');
  if (fromEnv !== undefined) return { url: fromEnv, schema, source: 'DATABASE_URL' };
  let found;
  try {
    found = await findRuntimeFile(cwd);
  } catch (error) {
    throw new CliError(COULD_NOT_AUDIT, (error as Error).message);
  }
  if (found === undefined)
    throw new CliError(
      COULD_NOT_AUDIT,
      `no database: no --database, no DATABASE_URL (nor HOGA_DATABASE__URL) and no ${RUNTIME_FILE} here or above ` +
        '(the all-in-one engine writes it when `npm start` runs; the database outlives the engine: pass --database URL).',
    );
  return { url: found.runtime.databaseUrl, schema, source: found.path };
}

/** A database or NATS URL (or a comma-separated list of them) without passwords, for messages. */
export const redactUrl = (url: string): string =>
  url.replace(/(\/\/[^:/@,]*):[^@/,]*@/g, '$1:***@');
