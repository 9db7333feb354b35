import { doesNotThrow, throws } from 'node:assert/strict';
import fc from 'fast-check';
import { BusUsageError } from './bus.errors.js';
import { checkSubject } from './namespace.js';

const token = /^[^\s.*>]+$/;

describe('checkSubject', () => {
  it('takes dot-joined tokens without spaces or wildcards, refuses anything else', () => {
    doesNotThrow(() => checkSubject('hoga.md.tick.KRW-BTC'));
    for (const bad of ['', '.', 'a.', '.a', 'a..b', 'a.*', 'a.>', 'a b', 'a.\tb', 'a.b\n'])
      throws(() => checkSubject(bad), BusUsageError, JSON.stringify(bad));
  });

  it('accepts exactly the subjects whose every dot-separated token is valid (property)', () => {
    const piece = fc.oneof(
      fc.constantFrom('.', '*', '>', ' ', '\t', '\u00a0', '\u2028', '', 'a', 'KRW-BTC', '한'),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const subject = pieces.join('');
        const valid = subject.split('.').every((t) => token.test(t));
        if (valid) doesNotThrow(() => checkSubject(subject));
        else throws(() => checkSubject(subject), BusUsageError);
      }),
      { numRuns: 5_000 },
    );
  });
});
