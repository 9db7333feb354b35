import fc from 'fast-check';
import { ok, strictEqual } from 'node:assert/strict';
import { subjectMatches, subjectsOverlap } from './subject-match.js';

const token = fc.constantFrom('a', 'b', 'KRW-BTC', 'tick');
const subject = fc.array(token, { minLength: 1, maxLength: 5 }).map((t) => t.join('.'));
const pattern = fc
  .tuple(fc.array(fc.oneof(token, fc.constant('*')), { minLength: 1, maxLength: 5 }), fc.boolean())
  .map(([tokens, tail]) => (tail ? [...tokens.slice(0, -1), '>'] : tokens).join('.'));

/** The NATS rule written as a regular expression, to check the matcher against. */
const reference = (p: string, s: string): boolean =>
  new RegExp(
    `^${p
      .split('.')
      .map((t) => (t === '*' ? '[^.]+' : t === '>' ? '[^.]+(\\.[^.]+)*' : t.replace(/[-]/g, '\\-')))
      .join('\\.')}$`,
  ).test(s);

describe('subject matching', () => {
  it('matches `*` to exactly one token and `>` to one or more trailing tokens', () => {
    ok(subjectMatches('hoga.md.tick.*', 'hoga.md.tick.KRW-BTC'));
    ok(!subjectMatches('hoga.md.tick.*', 'hoga.md.tick'));
    ok(!subjectMatches('hoga.md.tick.*', 'hoga.md.tick.KRW-BTC.x'));
    ok(subjectMatches('hoga.>', 'hoga.md.tick.KRW-BTC'));
    ok(!subjectMatches('hoga.>', 'hoga'));
    ok(subjectMatches('hoga.order.cmd', 'hoga.order.cmd'));
    ok(!subjectMatches('hoga.order.cmd', 'hoga.order.cmds'));
  });

  it('agrees with the NATS rule on arbitrary patterns and subjects', () => {
    fc.assert(
      fc.property(pattern, subject, (p, s) => strictEqual(subjectMatches(p, s), reference(p, s))),
    );
  });

  it('says two filters overlap whenever some subject matches both', () => {
    fc.assert(
      fc.property(
        pattern,
        pattern,
        subject,
        (p, q, s) => !(subjectMatches(p, s) && subjectMatches(q, s)) || subjectsOverlap(p, q),
      ),
    );
  });

  it('says filters do not overlap when no subject can match both', () => {
    ok(!subjectsOverlap('a.b', 'a.c'));
    ok(!subjectsOverlap('a.*', 'a.b.c'));
    ok(!subjectsOverlap('a.>', 'a'));
    ok(subjectsOverlap('a.*.c', 'a.b.*'));
    ok(subjectsOverlap('a.>', '*.b.c'));
  });
});
