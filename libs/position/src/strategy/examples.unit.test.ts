import { equal, ok } from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { parseStrategyFile } from './parse-strategy-file.js';

/** examples/strategies at the repository root (this file runs from libs/position/dist/strategy). */
const FOLDER = new URL('../../../../examples/strategies/', import.meta.url);
const files = readdirSync(FOLDER).filter((f) => /\.(json|ya?ml)$/.test(f));

describe('example strategies', () => {
  it('ship JSON and YAML examples', () => {
    ok(files.length >= 4, `found ${files.join(', ')}`);
    ok(files.some((f) => f.endsWith('.json')) && files.some((f) => f.endsWith('.yaml')));
  });

  const ids = new Set<string>();
  for (const file of files) {
    it(`${file} decodes`, () => {
      const r = parseStrategyFile(
        readFileSync(new URL(file, FOLDER), 'utf8'),
        file.endsWith('.json') ? 'json' : 'yaml',
      );
      ok(E.isRight(r), E.isLeft(r) ? r.left.message : '');
      equal(ids.has(r.right.id), false, `duplicate id ${r.right.id}`);
      ids.add(r.right.id);
    });
  }
});
