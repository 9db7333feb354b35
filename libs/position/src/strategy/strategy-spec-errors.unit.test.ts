import { ok } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import { decodeStrategySpec } from './strategy-spec.codec.js';
import type { SpecIssue } from './strategy-spec-error.js';
import {
  VALID_SPEC as VALID,
  withEntry,
  withExit,
  withLeaf as leaf,
} from './strategy-spec.fixture.js';

function issuesOf(input: unknown): readonly SpecIssue[] {
  const r = decodeStrategySpec(input);
  ok(E.isLeft(r), 'expected the spec to be rejected');
  return r.left.issues;
}
function rejects(input: unknown, path: string, reason: RegExp): void {
  const issues = issuesOf(input);
  ok(
    issues.some((i) => i.path === path && reason.test(i.reason)),
    `no issue at '${path}' matching ${String(reason)} in ${JSON.stringify(issues)}`,
  );
}

/** One test per kind of rejection: each names the field (path) and the reason. */
describe('strategy spec rejections', () => {
  it('rejects a budget under 5,000 KRW', () =>
    rejects({ ...VALID, budgetKrw: '4999.99' }, 'budgetKrw', /at least 5,000 KRW/));

  it('rejects an unknown indicator', () =>
    rejects(
      leaf({ indicator: 'macd', period: 9, interval: '1m', op: '>', value: 0 }),
      'entry.all[0].indicator',
      /unknown indicator 'macd'/,
    ));

  it('rejects a negative percentage', () =>
    rejects(withExit({ stopLossPct: '-5' }), 'exit.stopLossPct', /greater than 0/));

  it('rejects a zero percentage', () =>
    rejects(
      withExit({ stopLossPct: 5, takeProfitPct: 0 }),
      'exit.takeProfitPct',
      /greater than 0/,
    ));

  it('rejects a stop loss or trailing stop of 100 % or more', () =>
    rejects(withExit({ trailingStopPct: 100 }), 'exit.trailingStopPct', /below 100/));

  it('rejects a trailing activation without a trailing stop', () =>
    rejects(
      withExit({ stopLossPct: 5, trailingActivationPct: 1 }),
      'exit.trailingActivationPct',
      /needs trailingStopPct/,
    ));

  it('rejects an exit without a protective exit', () =>
    rejects(
      withExit({ takeProfitPct: 3 }),
      'exit',
      /at least one of stopLossPct, trailingStopPct, maxHoldMinutes/,
    ));

  it('rejects a period < 1 and a fractional period', () => {
    rejects(
      leaf({ indicator: 'sma', period: 0, interval: '1m', op: '>', value: 1 }),
      'entry.all[0].period',
      /at least 1/,
    );
    rejects(
      leaf({ indicator: 'sma', period: 2.5, interval: '1m', op: '>', value: 1 }),
      'entry.all[0].period',
      /whole number/,
    );
  });

  it('rejects an unknown interval', () =>
    rejects(
      leaf({ indicator: 'ema', period: 9, interval: '2m', op: '>', value: 1 }),
      'entry.all[0].interval',
      /unknown interval '2m'.*1m, 3m, 5m/,
    ));

  it('rejects unknown keys, naming the likely typo', () => {
    rejects(
      withExit({ stopLosPct: 5, maxHoldMinutes: 60 }),
      'exit.stopLosPct',
      /did you mean 'stopLossPct'/,
    );
    rejects({ ...VALID, budget: 1 }, 'budget', /did you mean 'budgetKrw'/);
    rejects({ ...VALID, comment: 'x' }, 'comment', /unknown key \(allowed: id, market/);
    rejects(
      leaf({ indicator: 'rsi', period: 14, interval: '1m', band: 'upper', op: '>', value: 1 }),
      'entry.all[0].band',
      /rsi takes no band \(only bollinger does\)/,
    );
    rejects(
      leaf({ indicator: 'price', period: 3, op: '>', value: 1 }),
      'entry.all[0].period',
      /price takes no period/,
    );
  });

  it('rejects a leaf with neither or both of value and ref', () => {
    rejects(leaf({ indicator: 'price', op: '>' }), 'entry.all[0]', /needs a value or a ref/);
    rejects(
      leaf({ indicator: 'price', op: '>', value: 1, ref: { indicator: 'price' } }),
      'entry.all[0].ref',
      /either value or ref/,
    );
  });

  it('rejects an unknown operator, an empty combinator and a shapeless condition', () => {
    rejects(
      leaf({ indicator: 'price', op: '=', value: 1 }),
      'entry.all[0].op',
      /unknown operator '='/,
    );
    rejects(withEntry({ any: [] }), 'entry.any', /at least one condition/);
    rejects(withEntry({ op: '>' }), 'entry', /expected a condition/);
    rejects(withEntry('now'), 'entry', /'immediate' or a condition/);
  });

  it('reports a missing field and a blank (null) risk parameter', () => {
    const { market: _market, ...noMarket } = VALID;
    rejects(noMarket, 'market', /required/);
    rejects(
      withExit({ stopLossPct: null }),
      'exit.stopLossPct',
      /expected a number or a decimal string/,
    );
  });
});
