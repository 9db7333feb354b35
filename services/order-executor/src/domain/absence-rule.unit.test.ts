import { deepEqual, equal, ok } from 'node:assert/strict';
import {
  CLOSED_LIST_MAX_WINDOW_MS,
  decideAbsence,
  judgeNotFound,
  sendWindow,
  type AbsenceVerdict,
  type ListView,
} from './absence-rule.js';

const rule = { afterMs: 30_000, lookups: 2 };
const sent = new Date('2026-11-23T10:00:00.000Z');
const plus = (ms: number) => new Date(sent.getTime() + ms);

describe('judgeNotFound', () => {
  it('does not count answers to lookups sent inside the window after the last send', () => {
    deepEqual(judgeNotFound(sent, 0, plus(29_999), rule), { notFoundLookups: 0, certain: false });
  });

  it('counts answers after the window, and is conclusive after `lookups` of them', () => {
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

describe('decideAbsence: absent only when every view agrees', () => {
  const lookupViews: Record<string, AbsenceVerdict> = {
    'no counting lookup yet': { notFoundLookups: 0, certain: false },
    'one counting lookup of two': { notFoundLookups: 1, certain: false },
    'lookups conclusive': { notFoundLookups: 2, certain: true },
  };
  const listViews: Record<string, ListView> = {
    found: { kind: 'found', uuid: 'u-1' },
    absent: { kind: 'absent' },
    unreadable: { kind: 'unreadable', why: 'HTTP 503' },
  };

  for (const [lookupName, lookups] of Object.entries(lookupViews))
    for (const [openName, open] of Object.entries(listViews))
      for (const [closedName, closed] of Object.entries(listViews))
        it(`identifier: ${lookupName}; open list: ${openName}; closed list: ${closedName}`, () => {
          const decision = decideAbsence(lookups, { open, closed });
          if (open.kind === 'found')
            deepEqual(decision, { kind: 'found', uuid: 'u-1', view: 'open' });
          else if (closed.kind === 'found')
            deepEqual(decision, { kind: 'found', uuid: 'u-1', view: 'closed' });
          else if (lookups.certain && open.kind === 'absent' && closed.kind === 'absent')
            equal(decision.kind, 'absent');
          else equal(decision.kind, 'undecided');
        });

  it('without the lists, conclusive lookups alone prove nothing', () => {
    equal(decideAbsence({ notFoundLookups: 5, certain: true }, null).kind, 'undecided');
  });

  it('names the unreadable lists', () => {
    const d = decideAbsence(
      { notFoundLookups: 2, certain: true },
      { open: { kind: 'absent' }, closed: { kind: 'unreadable', why: 'HTTP 429' } },
    );
    deepEqual(d, { kind: 'undecided', why: 'closed list unreadable: HTTP 429' });
  });
});

describe('sendWindow', () => {
  it('reaches from the margin before the row was stored to the margin after now', () => {
    deepEqual(sendWindow(sent, plus(45_000), 60_000), {
      start: plus(-60_000),
      end: plus(105_000),
    });
  });

  it('is null when longer than Upbit lists closed orders over (7 days)', () => {
    ok(sendWindow(sent, plus(CLOSED_LIST_MAX_WINDOW_MS - 120_000), 60_000) !== null);
    equal(sendWindow(sent, plus(CLOSED_LIST_MAX_WINDOW_MS - 119_999), 60_000), null);
  });
});
