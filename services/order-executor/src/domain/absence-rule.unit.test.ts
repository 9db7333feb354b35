import { deepEqual } from 'node:assert/strict';
import { judgeNotFound } from './absence-rule.js';

const rule = { afterMs: 30_000, lookups: 2 };
const sent = new Date('2026-11-23T10:00:00.000Z');
const plus = (ms: number) => new Date(sent.getTime() + ms);

describe('judgeNotFound', () => {
  it('does not count answers to lookups sent inside the window after the last send', () => {
    deepEqual(judgeNotFound(sent, 0, plus(29_999), rule), { notFoundLookups: 0, certain: false });
  });

  it('counts answers after the window, and is certain after `lookups` of them', () => {
    deepEqual(judgeNotFound(sent, 0, plus(30_000), rule), { notFoundLookups: 1, certain: false });
    deepEqual(judgeNotFound(sent, 1, plus(31_000), rule), { notFoundLookups: 2, certain: true });
  });

  it('a later send moves the window', () => {
    deepEqual(judgeNotFound(plus(20_000), 0, plus(31_000), rule), {
      notFoundLookups: 0,
      certain: false,
    });
  });
});
