import { readFileSync } from 'node:fs';
import { parse, parseAllDocuments } from 'yaml';

/** One YAML document of a file (`<<` merge keys applied, as compose reads them). */
export function readYaml(path: string): unknown {
  return parse(readFileSync(path, 'utf8'), { merge: true });
}

/** Every document of a multi-document YAML file; a syntax error throws with the file's name. */
export function readYamlDocuments(path: string): unknown[] {
  return parseAllDocuments(readFileSync(path, 'utf8')).map((d) => {
    if (d.errors.length > 0)
      throw new Error(`${path}: ${d.errors.map((e) => e.message).join('; ')}`);
    return d.toJS() as unknown;
  });
}

export const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

/** The record at `key`, or a failure naming the path. */
export function field(u: unknown, ...path: string[]): unknown {
  let at: unknown = u;
  for (const key of path) {
    if (!isRecord(at)) throw new Error(`no ${path.join('.')}: ${key} is not in an object`);
    at = at[key];
  }
  return at;
}
