import * as E from 'fp-ts/lib/Either.js';
import { parseDocument } from 'yaml';
import { decodeStrategySpec } from './strategy-spec.codec.js';
import { StrategySpecError } from './strategy-spec-error.js';
import type { StrategySpec } from './strategy-spec.js';

/** The text format of a strategy file; `auto` reads JSON when the text starts with `{`. */
export type StrategyFileFormat = 'json' | 'yaml' | 'auto';

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}

const syntaxError = (format: string, text: string, offset: number | undefined, message: string) => {
  if (offset === undefined)
    return new StrategySpecError([{ path: '', reason: `${format} syntax error: ${message}` }]);
  const { line, column } = lineAndColumn(text, offset);
  const reason = `${format} syntax error at line ${line}, column ${column}: ${message}`;
  return new StrategySpecError([{ path: '', reason, line }]);
};

function parseJson(text: string): E.Either<StrategySpecError, unknown> {
  try {
    return E.right(JSON.parse(text));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const position = /at position (\d+)/.exec(message)?.[1];
    return E.left(
      syntaxError('JSON', text, position === undefined ? undefined : Number(position), message),
    );
  }
}

function parseYaml(text: string): E.Either<StrategySpecError, unknown> {
  // YAML 1.2 core schema: `yes`/`no` stay strings, duplicate keys are errors.
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first !== undefined) return E.left(syntaxError('YAML', text, first.pos[0], first.message));
  try {
    return E.right(doc.toJS({ maxAliasCount: 50 }));
  } catch (e) {
    return E.left(syntaxError('YAML', text, undefined, e instanceof Error ? e.message : String(e)));
  }
}

/**
 * Parses a strategy file (JSON or YAML text) and decodes it. Syntax errors carry the line;
 * decoding errors carry the path of each offending field. Numbers keep their written value
 * exactly up to 15 significant digits; quote longer decimals.
 */
export function parseStrategyFile(
  text: string,
  format: StrategyFileFormat = 'auto',
): E.Either<StrategySpecError, StrategySpec> {
  const json = format === 'json' || (format === 'auto' && text.trimStart().startsWith('{'));
  const parsed = json ? parseJson(text) : parseYaml(text);
  return E.isLeft(parsed) ? parsed : decodeStrategySpec(parsed.right);
}
