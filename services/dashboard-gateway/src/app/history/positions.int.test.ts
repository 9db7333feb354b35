import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { PositionEvent } from '@hoga/contracts';
import type { PositionId } from '@hoga/model';
import { replay } from '@hoga/position';
import { eventually } from '@hoga/testkit';
import type { LiveDelta } from '../live/live-hub.js';
import { GatewayHarness, type TestClient } from '../../testing/gateway-harness.js';
import { PositionScript } from '../../testing/position-script.js';
import type { Page } from './history-read-model.js';
import { encodedStateOf, investedKrwOf, type PositionSummary } from './position-fold.js';
import type { TimelineEntry } from './timeline-entry.js';

type ListReply = Page<PositionSummary>;
const id = (s: string) => s as PositionId;

describe('dashboard-gateway history: positions', function () {
  this.timeout(60_000);
  const harness = new GatewayHarness('gateway_history_positions');
  let viewer: TestClient;
  const deltas: LiveDelta[] = [];
  before(async () => {
    await harness.start();
    harness.gateway.hub.listen((d) => deltas.push(d));
    viewer = harness.client('viewer');
  });
  after(() => harness.stop());

  const list = async (query: string): Promise<ListReply> => {
    const reply = await viewer.get(`/api/positions${query}`);
    strictEqual(reply.status, 200, reply.text);
    return reply.json as ListReply;
  };
  /** Every page of a listing, following the cursors. */
  const all = async (query: string, limit: number, between?: () => Promise<void>) => {
    const items: PositionSummary[] = [];
    let cursor: string | null = null;
    do {
      const sep = query === '' ? '?' : '&';
      const page: ListReply = await list(
        `${query}${sep}limit=${String(limit)}${cursor === null ? '' : `&cursor=${cursor}`}`,
      );
      items.push(...page.items);
      cursor = page.nextCursor;
      await between?.();
    } while (cursor !== null);
    return items;
  };

  const closedBtc = new PositionScript(
    id('h-closed-btc'),
    undefined,
    Date.parse('2026-11-23T01:00:00Z'),
  ).roundTrip();
  const closedEth = new PositionScript(
    id('h-closed-eth'),
    'KRW-ETH' as never,
    Date.parse('2026-11-23T02:00:00Z'),
  ).roundTrip();
  const activeBtc = new PositionScript(
    id('h-active-btc'),
    undefined,
    Date.parse('2026-11-23T03:00:00Z'),
  )
    .open()
    .fill('entry', '0.001999', '100000000')
    .command('pause');
  const pendingXrp = new PositionScript(
    id('h-pending-xrp'),
    'KRW-XRP' as never,
    Date.parse('2026-11-23T04:00:00Z'),
  ).open(100_000, 800);

  it('lists every position newest opened first, with its status, milestones and money', async () => {
    for (const s of [closedBtc, closedEth, activeBtc, pendingXrp]) await s.appendTo(harness.store);
    const page = await eventually(async () => {
      const p = await list('');
      strictEqual(p.items.length, 4);
      return p;
    });
    deepStrictEqual(
      page.items.map((p) => [p.positionId, p.status, p.market]),
      [
        ['h-pending-xrp', 'pending', 'KRW-XRP'],
        ['h-active-btc', 'active', 'KRW-BTC'],
        ['h-closed-eth', 'closed', 'KRW-ETH'],
        ['h-closed-btc', 'closed', 'KRW-BTC'],
      ],
    );
    strictEqual(page.nextCursor, null);
    const closed = page.items[3]!;
    strictEqual(closed.exitReason, 'take-profit');
    strictEqual(closed.openedAt, closedBtc.events[0]!.occurredAt);
    ok(closed.activeAt !== null && closed.closingAt !== null && closed.closedAt !== null);
    ok(closed.openedAt < closed.activeAt && closed.activeAt < closed.closingAt);
    ok(closed.closingAt <= closed.closedAt);
    // 0.001999 BTC bought at 100,000,000 + 0.05 % fee; sold at 103,000,000 - 0.05 % fee
    strictEqual(closed.investedKrw, '199999.95');
    strictEqual(closed.realizedPnlKrw, '5794.1015');
    strictEqual(closed.state.realizedPnlKrw, '5794.1015');
    strictEqual(closed.version, closedBtc.events.length);
    const active = page.items[1]!;
    strictEqual(active.paused, true);
    strictEqual(active.closedAt, null);
    strictEqual(active.exitReason, null);
  });

  it('filters by status (or every open one), market and opening time', async () => {
    const ids = (items: readonly PositionSummary[]) => items.map((p) => p.positionId);
    deepStrictEqual(ids((await list('?status=closed')).items), ['h-closed-eth', 'h-closed-btc']);
    deepStrictEqual(ids((await list('?status=open')).items), ['h-pending-xrp', 'h-active-btc']);
    deepStrictEqual(ids((await list('?market=KRW-BTC')).items), ['h-active-btc', 'h-closed-btc']);
    deepStrictEqual(ids((await list('?market=KRW-BTC&status=closed')).items), ['h-closed-btc']);
    deepStrictEqual(ids((await list('?from=2026-11-23T02:00:00Z&to=2026-11-23T04:00:00Z')).items), [
      'h-active-btc',
      'h-closed-eth',
    ]);
    deepStrictEqual(ids((await list('?status=error')).items), []);
  });

  it('pages with an opaque cursor: none twice, none missed, while new positions arrive', async () => {
    const base = Date.parse('2026-11-20T00:00:00Z');
    const scripts = Array.from({ length: 60 }, (_, i) =>
      new PositionScript(id(`h-page-${String(i)}`), undefined, base + (i % 20) * 60_000).open(),
    );
    for (const s of scripts) await s.appendTo(harness.store);
    await eventually(async () =>
      strictEqual((await list('?to=2026-11-21T00:00:00Z&limit=500')).items.length, 60),
    );
    let added = 0;
    const arrive = async () => {
      // newer and older positions keep arriving while the client pages
      const s = new PositionScript(
        id(`h-late-${String(added)}`),
        undefined,
        base + added * 7_000,
      ).open();
      added += 1;
      await s.appendTo(harness.store);
    };
    const seen = await all('?to=2026-11-21T00:00:00Z&status=pending', 7, arrive);
    const seenIds = seen.map((p) => p.positionId);
    strictEqual(new Set(seenIds).size, seenIds.length, 'a position came twice');
    for (const s of scripts) ok(seenIds.includes(s.positionId), `${s.positionId} was missed`);
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1]!, seen[i]!];
      ok(a.openedAt > b.openedAt || (a.openedAt === b.openedAt && a.positionId > b.positionId));
    }
  });

  it('serves one position and its events, each with the state after it as libs/position folds it', async () => {
    const detail = await viewer.get('/api/positions/h-closed-btc');
    strictEqual(detail.status, 200);
    strictEqual((detail.json as PositionSummary).status, 'closed');
    const reply = await viewer.get('/api/positions/h-closed-btc/events');
    strictEqual(reply.status, 200);
    const body = reply.json as {
      positionId: string;
      events: { version: number; event: unknown; stateAfter: unknown; investedKrwAfter: string }[];
    };
    strictEqual(body.events.length, closedBtc.events.length);
    body.events.forEach((item, i) => {
      strictEqual(item.version, i + 1);
      deepStrictEqual(item.event, PositionEvent.encode(closedBtc.events[i]!));
      const after = replay(closedBtc.events.slice(0, i + 1));
      deepStrictEqual(item.stateAfter, encodedStateOf(after));
      strictEqual(item.investedKrwAfter, investedKrwOf(after));
    });
    // nothing invested before the entry fills; once closed (volume 0), the principal at entry is
    // still there, as the summary (the panel) has it
    strictEqual(body.events[0]!.investedKrwAfter, '0');
    strictEqual(body.events.at(-1)!.investedKrwAfter, '199999.95');
    strictEqual(body.events.at(-1)!.investedKrwAfter, (detail.json as PositionSummary).investedKrw);
  });

  it('publishes each stored event on position/<id> with the state after it, and its timeline entries on timeline', async () => {
    const s = new PositionScript(
      id('h-live'),
      undefined,
      Date.parse('2026-11-24T00:00:00Z'),
    ).open();
    await s.appendTo(harness.store);
    s.fill('entry', '0.001999', '100000000').command('close');
    await s.appendTo(harness.store);
    const mine = await eventually(() => {
      const found = deltas.filter((d) => d.channel === 'position/h-live');
      strictEqual(found.length, s.events.length);
      return found;
    });
    mine.forEach((d, i) => {
      strictEqual(d.key, String(i + 1));
      const after = replay(s.events.slice(0, i + 1));
      deepStrictEqual(d.data, {
        event: PositionEvent.encode(s.events[i]!),
        stateAfter: encodedStateOf(after),
        investedKrwAfter: investedKrwOf(after),
      });
    });
    // the timeline channel carries each new entry as `/api/timeline` lists it, keyed by event id
    const listed = (
      (await viewer.get('/api/timeline?from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z'))
        .json as { items: TimelineEntry[] }
    ).items.filter((e) => e.positionId === 'h-live');
    ok(listed.some((e) => e.type === 'PositionOpened') && listed.some((e) => e.kind === 'command'));
    const onChannel = await eventually(() => {
      const found = deltas.filter(
        (d) => d.channel === 'timeline' && (d.data as TimelineEntry).positionId === 'h-live',
      );
      strictEqual(found.length, listed.length);
      return found;
    });
    deepStrictEqual(
      // as the page gets it: the wire frame
      onChannel.map((d) => [d.key, (JSON.parse(d.json) as { data: unknown }).data]),
      listed.map((e) => [e.eventId, e]),
    );
  });

  it('answers an unknown position 404 and bad queries 400 naming the field', async () => {
    strictEqual((await viewer.get('/api/positions/no-such')).status, 404);
    strictEqual((await viewer.get('/api/positions/no-such/events')).status, 404);
    const bad = await viewer.get('/api/positions?status=open&limit=0&cursor=zz!');
    strictEqual(bad.status, 400);
    deepStrictEqual(
      (bad.json as { error: { fields: { field: string }[] } }).error.fields
        .map((f) => f.field)
        .sort(),
      ['query.cursor', 'query.limit'],
    );
    strictEqual((await viewer.get('/api/positions/bad%20id')).status, 400);
    strictEqual((await harness.client('anonymous').get('/api/positions')).status, 401);
  });
});
