import { readBoundedFileSync } from './bounded-file.js';
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { parse as parseYaml } from 'yaml';
import { capText, decodeWith, type DecodeError } from '@hoga/model';

/** Config could not be read or is invalid; the message names the field, never a secret value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}
export const isConfigError = (e: unknown): e is ConfigError => e instanceof ConfigError;

/**
 * Environment to config: sections are separated by `__`, words by `_`: `HOGA_RISK__LOSS_LIMIT_PCT=10` -> `{ risk: { lossLimitPct: '10' } }`.
 * Values stay strings; codecs accept numeric strings where numbers are expected.
 */
export function envToObject(env: NodeJS.ProcessEnv, prefix = 'HOGA_'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith(prefix) || value === undefined) continue;
    const path = key
      .slice(prefix.length)
      .split('__')
      .map((part) => part.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()));
    let cursor = out;
    path.forEach((segment, i) => {
      if (i === path.length - 1) cursor[segment] = value;
      else cursor = (cursor[segment] ??= {}) as Record<string, unknown>;
    });
  }
  return out;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep merge: `over` wins; arrays are replaced, not merged. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
  return out;
}

/** The largest config file read (1 MiB): a larger one is refused before it is read. */
export const MAX_CONFIG_FILE_BYTES = 1024 * 1024;

export interface LoadConfigOptions {
  /** A JSON or YAML file (optional), at most `maxFileBytes`. */
  readonly file?: string;
  /** The largest config file accepted (default {@link MAX_CONFIG_FILE_BYTES}). */
  readonly maxFileBytes?: number;
  readonly env?: NodeJS.ProcessEnv;
  /** Values below the file and the environment. */
  readonly defaults?: unknown;
  /** Overrides above everything (programmatic, tests). */
  readonly overrides?: unknown;
}

/** Reads defaults <- file <- `HOGA_*` environment <- overrides, and decodes with `codec`. */
export function loadConfig<A>(
  codec: t.Type<A, unknown, unknown>,
  options: LoadConfigOptions = {},
): A {
  let fromFile: unknown = {};
  if (options.file) {
    let text: string;
    try {
      text = readBoundedFileSync(options.file, options.maxFileBytes ?? MAX_CONFIG_FILE_BYTES);
    } catch (e) {
      throw new ConfigError(`cannot read config file ${options.file}: ${(e as Error).message}`, e);
    }
    try {
      fromFile = options.file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    } catch (e) {
      throw new ConfigError(
        `config file ${options.file} is not valid ${options.file.endsWith('.json') ? 'JSON' : 'YAML'}: ${capText((e as Error).message, 500)}`,
      );
    }
  }
  const merged = [
    fromFile,
    envToObject(options.env ?? process.env),
    options.overrides ?? {},
  ].reduce(deepMerge, options.defaults ?? {});
  const result = decodeWith(codec, merged);
  if (E.isLeft(result)) throw configErrorOf(result.left);
  return result.right;
}

/** The first issues of an invalid config, then how many more (the message stays short). */
const MAX_CONFIG_ISSUES = 20;

/** The variable that sets a config path: `positionActor.feeRate` -> `HOGA_POSITION_ACTOR__FEE_RATE`. */
export const variableOf = (path: string): string | undefined =>
  /^[a-zA-Z][a-zA-Z0-9]*(\.[a-zA-Z][a-zA-Z0-9]*)*$/.test(path)
    ? `HOGA_${path
        .split('.')
        .map((part) => part.replace(/([A-Z])/g, '_$1').toUpperCase())
        .join('__')}`
    : undefined;

const configErrorOf = (e: DecodeError): ConfigError => {
  const named = e.issues.slice(0, MAX_CONFIG_ISSUES).map((i) => {
    const variable = variableOf(i.path);
    return `${i.path || '(root)'}${variable ? ` (${variable})` : ''} expected ${i.expected}`;
  });
  const more = e.issueCount - named.length;
  return new ConfigError(
    capText(
      `invalid configuration: ${named.join('; ')}${more > 0 ? `; and ${more} more issues` : ''}`,
    ),
    e,
  );
};
