import { equal, ok } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import { lineAndColumn, parseStrategyFile } from './parse-strategy-file.js';
import type { StrategySpecError } from './strategy-spec-error.js';

const YAML = `id: demo
market: KRW-BTC
budgetKrw: 10000
entry: immediate
exit:
  stopLossPct: 0.1
  takeProfitPct: "1.23456789012345678901"
`;

function failure(text: string, format: 'json' | 'yaml' | 'auto' = 'auto'): StrategySpecError {
  const r = parseStrategyFile(text, format);
  ok(E.isLeft(r), 'expected the file to be rejected');
  return r.left;
}

describe('parseStrategyFile', () => {
  it('parses YAML with exact decimals (numbers and quoted strings)', () => {
    const r = parseStrategyFile(YAML, 'yaml');
    ok(E.isRight(r));
    equal(r.right.exit.stopLossPct?.toString(), '0.1');
    equal(r.right.exit.takeProfitPct?.toString(), '1.23456789012345678901');
  });

  it('reports a YAML syntax error with its line', () => {
    const error = failure(YAML.replace('entry: immediate', 'entry: [immediate'));
    const issue = error.issues[0]!;
    equal(issue.path, '');
    equal(issue.line, 5);
    ok(/^YAML syntax error at line 5/.test(issue.reason), issue.reason);
  });

  it('rejects a duplicated key (a second stopLossPct must not silently win)', () => {
    const issue = failure(
      YAML.replace('  stopLossPct: 0.1\n', '  stopLossPct: 0.1\n  stopLossPct: 50\n'),
    ).issues[0]!;
    equal(issue.line, 7);
    ok(/unique/.test(issue.reason), issue.reason);
  });

  it('rejects several YAML documents and unresolved aliases', () => {
    ok(/multiple documents/.test(failure(`${YAML}---\n${YAML}`).issues[0]!.reason));
    ok(/YAML syntax error/.test(failure(YAML.replace('10000', '*budget')).issues[0]!.reason));
  });

  it('reports a JSON syntax error with its line', () => {
    const issue = failure('{\n  "id": "x",\n}', 'auto').issues[0]!;
    equal(issue.line, 3);
    ok(/^JSON syntax error at line 3/.test(issue.reason), issue.reason);
  });

  it('reads JSON when `auto` sees a leading brace, YAML otherwise', () => {
    const json = JSON.stringify({
      id: 'demo',
      market: 'KRW-BTC',
      budgetKrw: 10000,
      entry: 'immediate',
      exit: { maxHoldMinutes: 5 },
    });
    ok(E.isRight(parseStrategyFile(`  ${json}`, 'auto')));
    ok(/^JSON/.test(failure('{ id: demo }').issues[0]!.reason));
    ok(E.isRight(parseStrategyFile(YAML, 'auto')));
  });

  it('passes decoding errors through with their paths', () => {
    const issue = failure(YAML.replace('stopLossPct: 0.1', 'stopLossPct: -1')).issues[0]!;
    equal(issue.path, 'exit.stopLossPct');
  });

  it('rejects an empty file', () => equal(failure('').issues[0]!.reason, 'expected an object'));

  it('computes 1-based lines and columns', () => {
    equal(lineAndColumn('ab\ncd', 4).line, 2);
    equal(lineAndColumn('ab\ncd', 4).column, 2);
    equal(lineAndColumn('ab', 0).column, 1);
  });
});
