import './browser-env.js';
import { deepStrictEqual } from 'node:assert/strict';
import { mergeItems, timelineItemOf, type TimelineItem } from '../src/timeline.js';

const item = (eventId: string, at: string, type = 'PositionOpened'): TimelineItem => {
  const i = timelineItemOf({ at, kind: 'command', type, eventId, version: 1, positionId: 'p' });
  if (i === undefined) throw new Error('not an item');
  return i;
};

describe("web: the timeline's items", () => {
  it('merges live items into a read: oldest first, an event id once, equal times in arrival order', () => {
    const read = [item('a', '2026-12-07T00:00:01Z'), item('b', '2026-12-07T00:00:03Z')];
    const live = [
      item('c', '2026-12-07T00:00:03Z'),
      item('b', '2026-12-07T00:00:03Z', 'PositionClosed'),
      item('d', '2026-12-07T00:00:02Z'),
    ];
    deepStrictEqual(
      mergeItems(read, live).map((i) => `${i.eventId}:${i.type}`),
      ['a:PositionOpened', 'd:PositionOpened', 'b:PositionClosed', 'c:PositionOpened'],
    );
    deepStrictEqual(mergeItems([], []), []);
  });
});
