import { decodeWith } from '@hoga/model';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * `.hoga/runtime.json`, written by the all-in-one engine when it is up (and removed when it
 * stops): where the running engine is. `natsUrl` is null when the engine runs on the in-process
 * bus, which only its own process can reach.
 */
export const RuntimeFile = t.intersection(
  [
    t.type({
      natsUrl: t.union([t.string, t.null]),
      /** The bus namespace of the engine ('' in production). */
      namespace: t.string,
      databaseUrl: t.string,
    }),
    t.partial({
      /** The engine's process id. */
      pid: t.number,
      /** When the engine started (ISO-8601). */
      startedAt: t.string,
      dashboardUrl: t.string,
      /** The engine's Prometheus endpoint; `/health/live` and `/health/ready` beside it. */
      metricsUrl: t.string,
    }),
  ],
  'RuntimeFile',
);
export type RuntimeFile = t.TypeOf<typeof RuntimeFile>;

/** The place of the runtime file under the directory the engine runs in. */
export const RUNTIME_FILE = join('.hoga', 'runtime.json');

/** A runtime file found and decoded, with where it was found. */
export interface FoundRuntimeFile {
  readonly path: string;
  readonly runtime: RuntimeFile;
}

/**
 * Looks for `.hoga/runtime.json` in `from` and its parents; undefined when there is none.
 * Rejects with a readable message when one exists but is not valid JSON or not a RuntimeFile.
 */
export async function findRuntimeFile(from: string): Promise<FoundRuntimeFile | undefined> {
  for (let dir = from; ; dir = dirname(dir)) {
    const path = join(dir, RUNTIME_FILE);
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text !== undefined) return { path, runtime: decodeRuntimeFile(path, text) };
    if (dirname(dir) === dir) return undefined;
  }
}

function decodeRuntimeFile(path: string, text: string): RuntimeFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`${path} is not JSON: ${why}`, { cause: error });
  }
  const decoded = decodeWith(RuntimeFile, json);
  if (E.isLeft(decoded)) throw new Error(`${path}: ${decoded.left.message}`);
  return decoded.right;
}
