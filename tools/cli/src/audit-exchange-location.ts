import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as t from 'io-ts';
import { CliError } from './cli-error.js';
import { COULD_NOT_AUDIT } from './database-location.js';
import { findRuntimeFile, RUNTIME_FILE } from './runtime-file.js';

/** The exchange `hoga audit --exchange` compares with, its keys, and where that was learnt. */
export interface ExchangeLocation {
  readonly baseUrl: string;
  /** Never printed, never in a message. */
  readonly credentials: { readonly accessKey: string; readonly secretKey: string };
  /** `HOGA_UPBIT__*`, or the paper engine's runtime file. */
  readonly source: string;
}

const UPBIT_URL = 'https://api.upbit.com';
const Keys = t.type({ accessKey: t.string, secretKey: t.string });
/** The part of the all-in-one engine's runtime file that says where its emulator listens. */
const PaperRuntime = t.type({ emulator: t.union([t.null, t.type({ url: t.string })]) });

const set = (v: string | undefined): string | undefined =>
  v === undefined || v.trim() === '' ? undefined : v.trim();

const cannot = (why: string): CliError =>
  new CliError(COULD_NOT_AUDIT, `could not audit (no-exchange): ${why}`);

/** A JSON `{accessKey, secretKey}` file readable by its owner only (as the engine requires). */
async function readKeys(path: string, what: string): Promise<ExchangeLocation['credentials']> {
  const mode = await stat(path).then(
    (s) => s.mode,
    () => {
      throw cannot(`${what} ${path} cannot be read`);
    },
  );
  if ((mode & 0o077) !== 0)
    throw cannot(`${what} ${path} is accessible to group/others; refusing it: chmod 600 ${path}`);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    // JSON.parse's message may quote the file, and so a key: not repeated.
    throw cannot(`${what} ${path} is not readable JSON`);
  }
  if (!Keys.is(json) || json.accessKey === '' || json.secretKey === '')
    throw cannot(`${what} ${path} must hold {"accessKey": "...", "secretKey": "..."}`);
  return { accessKey: json.accessKey, secretKey: json.secretKey };
}

/**
 * Where the exchange is, the way the engine finds it: the live keys of `HOGA_UPBIT__ACCESS_KEY` +
 * `HOGA_UPBIT__SECRET_KEY` (or `HOGA_UPBIT__KEY_FILE`) at `HOGA_UPBIT__BASE_URL` (default Upbit),
 * else the paper engine's emulator and account keys (`.hoga/runtime.json` and `emulator.json`
 * beside it, here or above). Exit 2 when there is none.
 */
export async function locateExchange(
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<ExchangeLocation> {
  const file = set(env['HOGA_UPBIT__KEY_FILE']);
  const accessKey = set(env['HOGA_UPBIT__ACCESS_KEY']);
  const secretKey = set(env['HOGA_UPBIT__SECRET_KEY']);
  const baseUrl = set(env['HOGA_UPBIT__BASE_URL']) ?? UPBIT_URL;
  if (file !== undefined)
    return {
      baseUrl,
      credentials: await readKeys(file, 'HOGA_UPBIT__KEY_FILE'),
      source: 'HOGA_UPBIT__KEY_FILE',
    };
  if (accessKey !== undefined || secretKey !== undefined) {
    if (accessKey === undefined || secretKey === undefined)
      throw cannot('set both HOGA_UPBIT__ACCESS_KEY and HOGA_UPBIT__SECRET_KEY');
    return { baseUrl, credentials: { accessKey, secretKey }, source: 'HOGA_UPBIT__ACCESS_KEY' };
  }
  const found = await findRuntimeFile(cwd).catch((error: unknown) => {
    throw cannot((error as Error).message);
  });
  const paper = found === undefined ? undefined : PaperRuntime.decode(found.runtime);
  if (
    found === undefined ||
    paper === undefined ||
    paper._tag === 'Left' ||
    paper.right.emulator === null
  )
    throw cannot(
      'no exchange to compare with: set HOGA_UPBIT__ACCESS_KEY and HOGA_UPBIT__SECRET_KEY ' +
        `(or HOGA_UPBIT__KEY_FILE; HOGA_UPBIT__BASE_URL for an emulator), or audit while the paper engine runs (${RUNTIME_FILE})`,
    );
  const keysPath = join(dirname(found.path), 'emulator.json');
  return {
    baseUrl: paper.right.emulator.url,
    credentials: await readKeys(keysPath, "the paper account's keys"),
    source: `the paper engine (${found.path})`,
  };
}
